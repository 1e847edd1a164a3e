package org.mailconsole.mail.graph;

/**
 * No token from the token endpoint: the message names the failure (with the AADSTS code and what to
 * do about it, where Entra ID gave one) and never holds a secret or a token.
 */
public final class GraphAuthException extends Exception {
    GraphAuthException(String message) {
        super(message);
    }
}
