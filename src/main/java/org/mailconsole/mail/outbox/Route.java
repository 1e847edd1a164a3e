package org.mailconsole.mail.outbox;

import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;

/**
 * The account a worker's next message goes through (email-model.md section 7.3): the account in
 * effect (the primary) or, while it cannot take messages, its fallback.
 *
 * @param snapshot the configuration to send with: the primary's, or the same with the fallback as outbound
 * @param primary  the account in effect
 * @param fallback the message goes through the primary's fallback
 * @param retry    the primary is tried again with this message while its fallback is in use
 */
record Route(ConfigSnapshot snapshot, OutboundConfig primary, boolean fallback, boolean retry) {
    /** Through the account in effect; {@code retry} while its fallback is in use. */
    static Route primary(ConfigSnapshot snapshot, boolean retry) {
        return new Route(snapshot, snapshot.outbound(), false, retry);
    }

    /** Through the fallback of the account in effect (which has one). */
    static Route fallback(ConfigSnapshot snapshot) {
        return new Route(new ConfigSnapshot(snapshot.version(), snapshot.outbound().fallback(), snapshot.inbound(),
                snapshot.rules()), snapshot.outbound(), true, false);
    }

    /** The account the message goes through. */
    OutboundConfig outbound() {
        return snapshot.outbound();
    }

    /** Whether a message this route's account cannot take may go through a fallback. */
    boolean mayFallBack() {
        return !fallback && primary.fallback() != null;
    }
}
