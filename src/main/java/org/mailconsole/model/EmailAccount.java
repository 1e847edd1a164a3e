package org.mailconsole.model;

/**
 * One email account (email-model.md section 2), without its secrets: those are in
 * {@link AccountSecrets}, and here only as "is set" flags. For a provisioned account the
 * connection fields are empty: its connection values are the System Properties.
 *
 * @param id          null before it is saved
 * @param provisioned    null for an admin's account, else which built-in account it is
 * @param maxConnections Connections: at most this many connections to an outbound account's relay at once
 * @param messagesPerMinute Messages per minute (section 7); null: no limit
 * @param recipientsPerDay  Recipients per day (section 7); null: no limit
 * @param fallbackAccountId the outbound account used when this one cannot take a message (section 7.3); null: none
 * @param graph          a Microsoft Graph account's settings ({@link GraphClient#NONE} for other types);
 *                       such an account has no server, port, security, authentication or user name (null)
 */
public record EmailAccount(
        Long id,
        String name,
        Protocol type,
        Authentication authentication,
        String server,
        Integer port,
        ConnectionSecurity security,
        String userName,
        String fromAddress,
        String displayName,
        String folder,
        Long addressFilterId,
        boolean active,
        Provisioned provisioned,
        boolean debugLogging,
        int maxConnections,
        Integer messagesPerMinute,
        Integer recipientsPerDay,
        Long fallbackAccountId,
        OAuth2Client oauth2,
        String trustedCertificates,
        GraphClient graph,
        boolean passwordSet,
        boolean clientSecretSet,
        boolean refreshTokenSet,
        boolean graphClientSecretSet,
        boolean graphCertificateSet,
        boolean graphPrivateKeySet,
        long version) {

    public static final String DEFAULT_FOLDER = "INBOX";

    public boolean isProvisioned() {
        return provisioned != null;
    }

    /** The port in force: the one set, else the usual one for the type and security. */
    public int effectivePort() {
        return port != null ? port : type.defaultPort(security == null ? ConnectionSecurity.SSL : security);
    }

    /** Whether the account holds this secret. */
    public boolean secretSet(AccountSecret secret) {
        return switch (secret) {
            case PASSWORD -> passwordSet;
            case CLIENT_SECRET -> clientSecretSet;
            case REFRESH_TOKEN -> refreshTokenSet;
            case GRAPH_CLIENT_SECRET -> graphClientSecretSet;
            case GRAPH_CERTIFICATE -> graphCertificateSet;
            case GRAPH_PRIVATE_KEY -> graphPrivateKeySet;
        };
    }

    /** Its rate limits (section 7). */
    public RateLimits rateLimits() {
        return new RateLimits(messagesPerMinute, recipientsPerDay);
    }

    /** Whether it sends through Microsoft Graph rather than SMTP. */
    public boolean isGraph() {
        return type == Protocol.GRAPH;
    }

    /** Builds an account by field name; what is not set is null, false or 0 (Connections: its default). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this account's values. */
    public Builder toBuilder() {
        OAuth2Client client = oauth2 == null ? OAuth2Client.NONE : oauth2;
        GraphClient g = graph == null ? GraphClient.NONE : graph;
        return new Builder().id(id).name(name).type(type).authentication(authentication).server(server).port(port)
                .security(security).userName(userName).fromAddress(fromAddress).displayName(displayName)
                .folder(folder).addressFilterId(addressFilterId).active(active).provisioned(provisioned)
                .debugLogging(debugLogging).maxConnections(maxConnections).messagesPerMinute(messagesPerMinute).recipientsPerDay(recipientsPerDay)
                .fallbackAccountId(fallbackAccountId).tokenUrl(client.tokenUrl()).clientId(client.clientId())
                .scope(client.scope()).trustedCertificates(trustedCertificates).passwordSet(passwordSet)
                .clientSecretSet(clientSecretSet).refreshTokenSet(refreshTokenSet).graph(g)
                .graphClientSecretSet(graphClientSecretSet).graphCertificateSet(graphCertificateSet)
                .graphPrivateKeySet(graphPrivateKeySet).version(version);
    }

    /** Builds an {@link EmailAccount} by name (see {@link AccountField} for the fields an admin sets). */
    public static final class Builder {
        private Long id;
        private String name;
        private Protocol type;
        private Authentication authentication;
        private String server;
        private Integer port;
        private ConnectionSecurity security;
        private String userName;
        private String fromAddress;
        private String displayName;
        private String folder;
        private Long addressFilterId;
        private boolean active;
        private Provisioned provisioned;
        private boolean debugLogging;
        private int maxConnections = MaxConnections.DEFAULT;
        private Integer messagesPerMinute;
        private Integer recipientsPerDay;
        private Long fallbackAccountId;
        private String tokenUrl;
        private String clientId;
        private String scope;
        private String trustedCertificates;
        private boolean passwordSet;
        private boolean clientSecretSet;
        private boolean refreshTokenSet;
        private String graphTenantId;
        private String graphClientId;
        private String graphMailbox;
        private String graphTokenUrl;
        private String graphUrl;
        private java.time.LocalDate graphSecretExpiresOn;
        private boolean graphClientSecretSet;
        private boolean graphCertificateSet;
        private boolean graphPrivateKeySet;
        private long version;

        private Builder() {
        }

        public Builder id(Long value) { id = value; return this; }
        public Builder name(String value) { name = value; return this; }
        public Builder type(Protocol value) { type = value; return this; }
        public Builder authentication(Authentication value) { authentication = value; return this; }
        public Builder server(String value) { server = value; return this; }
        public Builder port(Integer value) { port = value; return this; }
        public Builder security(ConnectionSecurity value) { security = value; return this; }
        public Builder userName(String value) { userName = value; return this; }
        public Builder fromAddress(String value) { fromAddress = value; return this; }
        public Builder displayName(String value) { displayName = value; return this; }
        public Builder folder(String value) { folder = value; return this; }
        public Builder addressFilterId(Long value) { addressFilterId = value; return this; }
        public Builder active(boolean value) { active = value; return this; }
        public Builder provisioned(Provisioned value) { provisioned = value; return this; }
        public Builder debugLogging(boolean value) { debugLogging = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder messagesPerMinute(Integer value) { messagesPerMinute = value; return this; }
        public Builder recipientsPerDay(Integer value) { recipientsPerDay = value; return this; }
        public Builder fallbackAccountId(Long value) { fallbackAccountId = value; return this; }
        public Builder tokenUrl(String value) { tokenUrl = value; return this; }
        public Builder clientId(String value) { clientId = value; return this; }
        public Builder scope(String value) { scope = value; return this; }
        public Builder trustedCertificates(String value) { trustedCertificates = value; return this; }
        public Builder passwordSet(boolean value) { passwordSet = value; return this; }
        public Builder clientSecretSet(boolean value) { clientSecretSet = value; return this; }
        public Builder refreshTokenSet(boolean value) { refreshTokenSet = value; return this; }
        public Builder graphTenantId(String value) { graphTenantId = value; return this; }
        public Builder graphClientId(String value) { graphClientId = value; return this; }
        public Builder graphMailbox(String value) { graphMailbox = value; return this; }
        public Builder graphTokenUrl(String value) { graphTokenUrl = value; return this; }
        public Builder graphUrl(String value) { graphUrl = value; return this; }
        public Builder graphSecretExpiresOn(java.time.LocalDate value) { graphSecretExpiresOn = value; return this; }
        public Builder graphClientSecretSet(boolean value) { graphClientSecretSet = value; return this; }
        public Builder graphCertificateSet(boolean value) { graphCertificateSet = value; return this; }
        public Builder graphPrivateKeySet(boolean value) { graphPrivateKeySet = value; return this; }
        public Builder version(long value) { version = value; return this; }

        /** Sets all of a Graph account's settings. */
        public Builder graph(GraphClient value) {
            GraphClient g = value == null ? GraphClient.NONE : value;
            return graphTenantId(g.tenantId()).graphClientId(g.clientId()).graphMailbox(g.mailbox())
                    .graphTokenUrl(g.tokenUrl()).graphUrl(g.graphUrl()).graphSecretExpiresOn(g.secretExpiresOn());
        }

        /** Sets whether the account holds {@code secret}. */
        public Builder secretSet(AccountSecret secret, boolean value) {
            return switch (secret) {
                case PASSWORD -> passwordSet(value);
                case CLIENT_SECRET -> clientSecretSet(value);
                case REFRESH_TOKEN -> refreshTokenSet(value);
                case GRAPH_CLIENT_SECRET -> graphClientSecretSet(value);
                case GRAPH_CERTIFICATE -> graphCertificateSet(value);
                case GRAPH_PRIVATE_KEY -> graphPrivateKeySet(value);
            };
        }

        public EmailAccount build() {
            return new EmailAccount(id, name, type, authentication, server, port, security, userName, fromAddress,
                    displayName, folder, addressFilterId, active, provisioned, debugLogging, maxConnections,
                    messagesPerMinute, recipientsPerDay, fallbackAccountId, new OAuth2Client(tokenUrl, clientId, scope), trustedCertificates,
                    new GraphClient(graphTenantId, graphClientId, graphMailbox, graphTokenUrl, graphUrl,
                            graphSecretExpiresOn), passwordSet, clientSecretSet, refreshTokenSet, graphClientSecretSet,
                    graphCertificateSet, graphPrivateKeySet, version);
        }
    }

    /** The two built-in accounts whose connection values are the System Properties. */
    public enum Provisioned {
        DEFAULT_SMTP("default-smtp"), DEFAULT_POP3("default-pop3");

        private final String code;

        Provisioned(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Provisioned fromCode(String code) {
            for (Provisioned p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown provisioned account " + code);
        }
    }
}
