package org.mailconsole.store.emaillog;

import org.mailconsole.model.emaillog.EmailEntry;

/**
 * An Outbox message leased for one delivery: only {@code owner} may record its outcome, and only
 * while no one else has taken the message over (the lease's expiry is renewed by its live owner).
 *
 * @param entry the entry as leased (its attempts before this one)
 * @param mime  the raw message as the app handed it over; null if it is missing
 */
public record Lease(long id, String owner, EmailEntry entry, byte[] mime) {
}
