package org.mailconsole.mail.connect;

/**
 * What Test Connection found.
 *
 * @param message    success, or the specific cause of the failure
 * @param transcript the redacted protocol exchange when debug logging is on, else null
 */
public record ConnectionTestResult(boolean ok, String message, long elapsedMs, String transcript) {
}
