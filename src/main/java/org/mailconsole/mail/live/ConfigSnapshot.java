package org.mailconsole.mail.live;

/** One consistent reading of a {@link LiveConfigSource}, tagged with the version it was read at. */
public record ConfigSnapshot(long version, OutboundConfig outbound, InboundConfig inbound, DeliveryRules rules) {
}
