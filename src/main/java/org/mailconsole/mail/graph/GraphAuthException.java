package org.mailconsole.mail.graph;

/**
 * No token from the token endpoint: the message names the failure (with the AADSTS code and what to
 * do about it, where Entra ID gave one) and never holds a secret or a token.
 */
public final class GraphAuthException extends Exception {
    private final String aadsts;

    GraphAuthException(String message, String aadsts) {
        super(message);
        this.aadsts = aadsts;
    }

    /** The AADSTS code of the failure ("AADSTS7000215"), or null when the endpoint gave none. */
    public String aadsts() {
        return aadsts;
    }
}
