package org.mailconsole.mail.connect;

/** What sending a test email did; {@code reply} is the server's final reply ("250 ..."), or null. */
public record TestEmailResult(boolean ok, String message, String reply, String transcript) {
}
