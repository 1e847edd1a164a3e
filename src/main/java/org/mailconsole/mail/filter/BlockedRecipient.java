package org.mailconsole.mail.filter;

/** A recipient a filter dropped: the address as given, the filter that blocked it, and why. */
public record BlockedRecipient(String address, Long filterId, String filterName, String reason) {
}
