package org.mailconsole.model;

/** The secrets an admin sets on an account (the access token is fetched, not set). */
public enum AccountSecret {
    PASSWORD("password"), CLIENT_SECRET("oauth2.clientSecret"), REFRESH_TOKEN("oauth2.refreshToken");

    private final String field;

    AccountSecret(String field) {
        this.field = field;
    }

    /** The field name in the API and in audit entries. */
    public String field() {
        return field;
    }
}
