package org.mailconsole.mail.outbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mailconsole.store.StoreException;
import org.mailconsole.store.emaillog.Lease;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * The leases this engine holds right now, renewed together every {@link OutboxTiming#renewEvery()}
 * (on a thread of their own, so a delivery that waits minutes for the relay keeps its message).
 */
final class LeaseRenewal implements Runnable {
    private static final System.Logger LOG = System.getLogger(LeaseRenewal.class.getName());

    private final OutboxQueue queue;
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();

    LeaseRenewal(OutboxQueue queue) {
        this.queue = queue;
    }

    void hold(Lease lease) {
        held.add(lease);
    }

    void drop(Lease lease) {
        held.remove(lease);
    }

    /** Renews every lease held now; a failure is logged and tried again at the next turn. */
    @Override
    public void run() {
        List<Lease> leases = List.copyOf(held);
        if (leases.isEmpty()) {
            return;
        }
        try {
            // a lease lost meanwhile (taken over, or ended by its own outcome a moment ago) is the
            // worker's to notice: its outcome is then not recorded, and it says so
            queue.renew(leases);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: leases not renewed, the database refused: "
                    + e.getMessage());
        }
    }
}
