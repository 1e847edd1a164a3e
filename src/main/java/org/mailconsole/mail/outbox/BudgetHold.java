package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.mailconsole.model.RateLimits;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * The rate budget's last answer on this node (email-model.md section 7): the account's next due
 * message waits until a time, so its workers look at the database again only then. It holds only
 * for the same account with the same limits: a limit lifted or changed (the configuration is
 * re-read every second) releases the workers at once.
 */
final class BudgetHold {
    private record Held(Long account, RateLimits limits, OutboxQueue.BudgetWait pause) {
    }

    private final Clock clock;
    private volatile Held held;

    BudgetHold(Clock clock) {
        this.clock = clock;
    }

    void hold(Long account, RateLimits limits, OutboxQueue.BudgetWait pause) {
        held = new Held(account, limits, pause);
    }

    /** The wait in force for this account with these limits; empty when its workers may lease. */
    Optional<OutboxQueue.BudgetWait> wait(Long account, RateLimits limits) {
        Held now = held;
        return now != null && Objects.equals(now.account(), account) && Objects.equals(now.limits(), limits)
                && clock.instant().isBefore(now.pause().until()) ? Optional.of(now.pause()) : Optional.empty();
    }
}
