package org.mailconsole.model;

/** The non-secret OAuth 2.0 settings of an account: where and as whom it asks for tokens. */
public record OAuth2Client(String tokenUrl, String clientId, String scope) {
    public static final OAuth2Client NONE = new OAuth2Client(null, null, null);
}
