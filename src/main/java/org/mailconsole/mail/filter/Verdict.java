package org.mailconsole.mail.filter;

/**
 * Whether one address passes a filter, and why.
 *
 * @param allowed  false when the address is blocked
 * @param listIndex the 1-based position of the list that decided, or null when no list decided
 *                  (no list matched, the address is invalid, or no filter applies)
 * @param reason   a sentence for the admin ("blocked by list 1: deny *", "not a valid address", ...)
 */
public record Verdict(boolean allowed, Integer listIndex, String reason) {
}
