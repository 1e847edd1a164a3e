package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.mailconsole.model.RateLimits;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * The rate budget's last answer on this node (email-model.md section 7): the account's next due
 * message waits until a time, so its workers do not ask the database for each look. It holds only
 * for the same account with the same limits: a limit lifted or changed (the configuration is
 * re-read every second) releases the workers at once. The workers trust it for {@link #RECHECK}
 * only: room can free before the time it names (a message deferred or failed keeps no recipients
 * in the day's window, one given back keeps nothing, and another node's do the same), and a
 * recipients-per-day wait may name a time a day away.
 */
final class BudgetHold {
    static final Duration RECHECK = Duration.ofSeconds(5);

    private record Held(Long account, RateLimits limits, OutboxQueue.BudgetWait pause, Instant at) {
        boolean covers(Long account, RateLimits limits, Instant now) {
            return Objects.equals(this.account, account) && Objects.equals(this.limits, limits)
                    && now.isBefore(pause.until());
        }
    }

    private final Clock clock;
    private volatile Held held;

    BudgetHold(Clock clock) {
        this.clock = clock;
    }

    void hold(Long account, RateLimits limits, OutboxQueue.BudgetWait pause) {
        held = new Held(account, limits, pause, clock.instant());
    }

    /** The wait in force for this account with these limits (what the Outbox says); empty when none. */
    Optional<OutboxQueue.BudgetWait> wait(Long account, RateLimits limits) {
        Held now = held;
        return now != null && now.covers(account, limits, clock.instant()) ? Optional.of(now.pause()) : Optional.empty();
    }

    /**
     * The wait the workers keep to without asking the budget: the one in force while it was learnt
     * within {@link #RECHECK}; empty when they may lease (the budget then answers again).
     */
    Optional<OutboxQueue.BudgetWait> leaseWait(Long account, RateLimits limits) {
        Held now = held;
        Instant at = clock.instant();
        return now != null && now.covers(account, limits, at) && at.isBefore(now.at().plus(RECHECK))
                ? Optional.of(now.pause()) : Optional.empty();
    }
}
