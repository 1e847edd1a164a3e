package org.mailconsole.mail;

/** One consistent reading of a {@link LiveConfigSource}, tagged with the version it was read at. */
public record ConfigSnapshot(long version, OutboundConfig outbound, InboundConfig inbound) {
}
