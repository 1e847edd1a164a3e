package org.mailconsole.model;

/**
 * One email account (email-model.md section 2), without its secrets: those are in
 * {@link AccountSecrets}, and here only as "is set" flags. For a provisioned account the
 * connection fields are empty: its connection values are the System Properties.
 *
 * @param id          null before it is saved
 * @param provisioned null for an admin's account, else which built-in account it is
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
        OAuth2Client oauth2,
        String trustedCertificates,
        boolean passwordSet,
        boolean clientSecretSet,
        boolean refreshTokenSet,
        long version) {

    public static final String DEFAULT_FOLDER = "INBOX";

    public boolean isProvisioned() {
        return provisioned != null;
    }

    /** The port in force: the one set, else the usual one for the type and security. */
    public int effectivePort() {
        return port != null ? port : type.defaultPort(security);
    }

    public EmailAccount withActive(boolean newActive) {
        return new EmailAccount(id, name, type, authentication, server, port, security, userName, fromAddress,
                displayName, folder, addressFilterId, newActive, provisioned, debugLogging, oauth2,
                trustedCertificates, passwordSet, clientSecretSet, refreshTokenSet, version);
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
