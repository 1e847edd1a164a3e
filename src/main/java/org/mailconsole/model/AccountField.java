package org.mailconsole.model;

import java.sql.Types;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one list of the fields an admin sets on an email account (email-model.md section 2), the way
 * {@link PropertyCatalog} lists the properties: the name used by the API, the form and the audit,
 * the column that stores it, how it is typed in, and how it goes from an {@link EmailAccount} to
 * its column and back. Secrets are listed in {@link AccountSecret}.
 */
public enum AccountField {
    NAME("name", "name", Input.TEXT, Types.VARCHAR, EmailAccount::name,
            (b, v) -> b.name((String) v)),
    TYPE("type", "account_type", Input.TEXT, Types.VARCHAR, a -> a.type().name(),
            (b, v) -> b.type(Protocol.valueOf((String) v))),
    AUTHENTICATION("authentication", "authentication", Input.TEXT, Types.VARCHAR, a -> name(a.authentication()),
            (b, v) -> b.authentication(v == null ? null : Authentication.valueOf((String) v))),
    SERVER("server", "server", Input.TEXT, Types.VARCHAR, EmailAccount::server,
            (b, v) -> b.server((String) v)),
    PORT("port", "port", Input.NUMBER, Types.INTEGER, EmailAccount::port,
            (b, v) -> b.port(v == null ? null : ((Number) v).intValue())),
    SECURITY("security", "security", Input.TEXT, Types.VARCHAR, a -> name(a.security()),
            (b, v) -> b.security(v == null ? null : ConnectionSecurity.valueOf((String) v))),
    USER_NAME("userName", "user_name", Input.TEXT, Types.VARCHAR, EmailAccount::userName,
            (b, v) -> b.userName((String) v)),
    FROM_ADDRESS("fromAddress", "from_address", Input.TEXT, Types.VARCHAR, EmailAccount::fromAddress,
            (b, v) -> b.fromAddress((String) v)),
    DISPLAY_NAME("displayName", "display_name", Input.TEXT, Types.VARCHAR, EmailAccount::displayName,
            (b, v) -> b.displayName((String) v)),
    FOLDER("folder", "folder", Input.TEXT, Types.VARCHAR, EmailAccount::folder,
            (b, v) -> b.folder((String) v)),
    ADDRESS_FILTER_ID("addressFilterId", "address_filter_id", Input.NUMBER, Types.BIGINT, EmailAccount::addressFilterId,
            (b, v) -> b.addressFilterId(v == null ? null : ((Number) v).longValue())),
    ACTIVE("active", "active", Input.FLAG, Types.BOOLEAN, EmailAccount::active,
            (b, v) -> b.active(Boolean.TRUE.equals(v))),
    DEBUG_LOGGING("debugLogging", "debug_logging", Input.FLAG, Types.BOOLEAN, EmailAccount::debugLogging,
            (b, v) -> b.debugLogging(Boolean.TRUE.equals(v))),
    /** Connections (email-model.md section 7): a delivery setting, so the built-in Default SMTP has it too. */
    MAX_CONNECTIONS("maxConnections", "max_connections", Input.NUMBER, Types.INTEGER, EmailAccount::maxConnections,
            (b, v) -> b.maxConnections(v == null ? MaxConnections.DEFAULT : ((Number) v).intValue())),
    /** Messages per minute (email-model.md section 7): null is no limit. */
    MESSAGES_PER_MINUTE("messagesPerMinute", "messages_per_minute", Input.NUMBER, Types.INTEGER,
            EmailAccount::messagesPerMinute, (b, v) -> b.messagesPerMinute(v == null ? null : ((Number) v).intValue())),
    /** Recipients per day (email-model.md section 7): null is no limit. */
    RECIPIENTS_PER_DAY("recipientsPerDay", "recipients_per_day", Input.NUMBER, Types.INTEGER,
            EmailAccount::recipientsPerDay, (b, v) -> b.recipientsPerDay(v == null ? null : ((Number) v).intValue())),
    /** Fallback account (email-model.md section 7.3): another outbound account's id; null is none. */
    FALLBACK_ACCOUNT_ID("fallbackAccountId", "fallback_account_id", Input.NUMBER, Types.BIGINT,
            EmailAccount::fallbackAccountId, (b, v) -> b.fallbackAccountId(v == null ? null : ((Number) v).longValue())),
    TOKEN_URL("oauth2.tokenUrl", "oauth_token_url", Input.TEXT, Types.VARCHAR, a -> oauth2(a).tokenUrl(),
            (b, v) -> b.tokenUrl((String) v)),
    CLIENT_ID("oauth2.clientId", "oauth_client_id", Input.TEXT, Types.VARCHAR, a -> oauth2(a).clientId(),
            (b, v) -> b.clientId((String) v)),
    SCOPE("oauth2.scope", "oauth_scope", Input.TEXT, Types.VARCHAR, a -> oauth2(a).scope(),
            (b, v) -> b.scope((String) v)),
    TRUSTED_CERTIFICATES("trustedCertificates", "trusted_certificates", Input.TEXT, Types.VARCHAR,
            EmailAccount::trustedCertificates, (b, v) -> b.trustedCertificates((String) v)),
    /** Microsoft Graph accounts (email-model.md section 8); the API nests these in its "graph" object. */
    GRAPH_TENANT_ID("graph.tenantId", "graph_tenant_id", Input.TEXT, Types.VARCHAR, a -> graph(a).tenantId(),
            (b, v) -> b.graphTenantId((String) v)),
    GRAPH_CLIENT_ID("graph.clientId", "graph_client_id", Input.TEXT, Types.VARCHAR, a -> graph(a).clientId(),
            (b, v) -> b.graphClientId((String) v)),
    GRAPH_MAILBOX("graph.mailbox", "graph_mailbox", Input.TEXT, Types.VARCHAR, a -> graph(a).mailbox(),
            (b, v) -> b.graphMailbox((String) v)),
    GRAPH_TOKEN_URL("graph.tokenUrl", "graph_token_url", Input.TEXT, Types.VARCHAR, a -> graph(a).tokenUrl(),
            (b, v) -> b.graphTokenUrl((String) v)),
    GRAPH_URL("graph.graphUrl", "graph_url", Input.TEXT, Types.VARCHAR, a -> graph(a).graphUrl(),
            (b, v) -> b.graphUrl((String) v)),
    /** A date (yyyy-mm-dd): stored as DATE, read back as java.sql.Date or LocalDate depending on the driver. */
    GRAPH_SECRET_EXPIRES_ON("graph.secretExpiresOn", "graph_secret_expires_on", Input.TEXT, Types.DATE,
            a -> graph(a).secretExpiresOn() == null ? null : java.sql.Date.valueOf(graph(a).secretExpiresOn()),
            (b, v) -> b.graphSecretExpiresOn(v == null ? null
                    : v instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) v));

    /** How a value is typed in: text (also choices), a whole number, or a check box (true/false). */
    public enum Input {
        TEXT, NUMBER, FLAG
    }

    /** Prefix of the fields that the API nests in its "oauth2" object. */
    public static final String OAUTH2_PREFIX = "oauth2.";
    /** Prefix of the fields that the API nests in its "graph" object. */
    public static final String GRAPH_PREFIX = "graph.";

    private final String field;
    private final String column;
    private final Input input;
    private final int sqlType;
    private final Function<EmailAccount, Object> value;
    private final BiConsumer<EmailAccount.Builder, Object> set;

    AccountField(String field, String column, Input input, int sqlType, Function<EmailAccount, Object> value,
                 BiConsumer<EmailAccount.Builder, Object> set) {
        this.field = field;
        this.column = column;
        this.input = input;
        this.sqlType = sqlType;
        this.value = value;
        this.set = set;
    }

    /** The name in the API ("oauth2.tokenUrl" is "tokenUrl" inside "oauth2"), on the form and in the audit. */
    public String field() {
        return field;
    }

    /** The column of email_account that stores it. */
    public String column() {
        return column;
    }

    public Input input() {
        return input;
    }

    /** The column's java.sql.Types code. */
    public int sqlType() {
        return sqlType;
    }

    /** The account's value as stored: String (enums by name), Integer, Long or Boolean; null when unset. */
    public Object value(EmailAccount account) {
        return value.apply(account);
    }

    /** The account's value as text (enums by name); null when unset. */
    public String text(EmailAccount account) {
        Object v = value(account);
        return v == null ? null : v.toString();
    }

    /** Puts a stored value (as {@link #value} gives it) into a builder. */
    public void set(EmailAccount.Builder builder, Object stored) {
        set.accept(builder, stored);
    }

    /** The field of this name, if there is one. */
    public static java.util.Optional<AccountField> find(String field) {
        for (AccountField f : values()) {
            if (f.field.equals(field)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    private static GraphClient graph(EmailAccount account) {
        return account.graph() == null ? GraphClient.NONE : account.graph();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OAuth2Client oauth2(EmailAccount account) {
        return account.oauth2() == null ? OAuth2Client.NONE : account.oauth2();
    }
}
