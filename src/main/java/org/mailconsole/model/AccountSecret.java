package org.mailconsole.model;

/** The secrets an admin sets on an account (the access token is fetched, not set). */
public enum AccountSecret {
    PASSWORD("password", "password"),
    CLIENT_SECRET("oauth2.clientSecret", "oauth_client_secret"),
    REFRESH_TOKEN("oauth2.refreshToken", "oauth_refresh_token"),
    /** A Graph account's client secret (email-model.md section 8). */
    GRAPH_CLIENT_SECRET("graph.clientSecret", "graph_client_secret"),
    /** A Graph account's certificate (PEM) for a signed client assertion: write-only like the key, so kept sealed. */
    GRAPH_CERTIFICATE("graph.certificatePem", "graph_certificate", FieldLimits.SECRET_PEM),
    /** The private key (PEM, PKCS#8) that signs the client assertion. */
    GRAPH_PRIVATE_KEY("graph.privateKeyPem", "graph_private_key", FieldLimits.SECRET_PEM);

    private final String field;
    private final String column;
    private final int maxLength;

    AccountSecret(String field, String column) {
        this(field, column, FieldLimits.SECRET);
    }

    AccountSecret(String field, String column, int maxLength) {
        this.field = field;
        this.column = column;
        this.maxLength = maxLength;
    }

    /** The longest value accepted (a PEM is longer than a password). */
    public int maxLength() {
        return maxLength;
    }

    /** The column of email_account that keeps it, sealed. */
    public String column() {
        return column;
    }

    /** The field name in the API and in audit entries. */
    public String field() {
        return field;
    }
}
