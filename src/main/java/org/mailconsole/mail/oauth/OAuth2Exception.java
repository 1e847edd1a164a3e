package org.mailconsole.mail.oauth;

/** The token endpoint refused or could not be reached; the message says why (never a secret). */
public class OAuth2Exception extends Exception {
    public OAuth2Exception(String message) {
        super(message);
    }

    public OAuth2Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
