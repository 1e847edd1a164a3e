package org.mailconsole.model;

/** The secrets an admin sets on an account (the access token is fetched, not set). */
public enum AccountSecret {
    PASSWORD("password", "password"),
    CLIENT_SECRET("oauth2.clientSecret", "oauth_client_secret"),
    REFRESH_TOKEN("oauth2.refreshToken", "oauth_refresh_token");

    private final String field;
    private final String column;

    AccountSecret(String field, String column) {
        this.field = field;
        this.column = column;
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
