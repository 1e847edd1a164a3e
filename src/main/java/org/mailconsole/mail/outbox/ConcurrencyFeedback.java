package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.mailconsole.model.MaxConnections;

/**
 * How many connections the outbound account in effect may have open now (email-model.md section 7,
 * as Postfix's concurrency feedback): its Connections setting, lowered by one each time the relay
 * refuses a connection in its greeting (not below one), and raised again by one for each
 * {@link #GROWTH} without such a refusal. A refusal is the relay's word about load, not about the
 * message, so the message keeps its retry steps. Another account in effect starts afresh.
 */
final class ConcurrencyFeedback {
    static final Duration GROWTH = Duration.ofMinutes(1);
    /** How long a worker refused at one connection waits before it connects again: the first time. */
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    /** The last greeting refusal, for Diagnostics. */
    record Refusal(Instant at, String reply) {
    }

    private final Clock clock;
    private Long accountId;
    /** The ceiling the feedback sets; {@link MaxConnections#MAX} means none below the setting. */
    private int level = MaxConnections.MAX;
    /** Since when the level has stood (a refusal or a growth step). */
    private Instant since;
    /** Refusals at one connection since the level last grew: each doubles the refused worker's pause. */
    private int refusalsInRow;
    private Refusal last;

    ConcurrencyFeedback(Clock clock) {
        this.clock = clock;
    }

    /** The connections allowed now for this account with this Connections setting. */
    synchronized int allowed(Long account, int configured) {
        follow(account);
        grow();
        return Math.max(MaxConnections.MIN, Math.min(configured, level));
    }

    /**
     * The relay refused a connection in its greeting: one connection fewer than allowed now (not
     * below one). How long the refused worker waits before it connects again if it stays: zero
     * while connections were taken away, else doubling from {@link #FIRST_PAUSE} up to {@link #GROWTH}.
     */
    synchronized Duration refused(Long account, int configured, String reply) {
        int before = allowed(account, configured);
        level = Math.max(MaxConnections.MIN, before - 1);
        since = clock.instant();
        last = new Refusal(since, reply);
        if (level < before) {
            return Duration.ZERO;
        }
        refusalsInRow++;
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(16, refusalsInRow - 1));
        return pause.compareTo(GROWTH) > 0 ? GROWTH : pause;
    }

    /**
     * A throttle signal (section 7.1) began a pause: half the connections allowed now (not below
     * one), growing back by one for each {@link #GROWTH} without a refusal or another signal.
     */
    synchronized void throttled(Long account, int configured) {
        int before = allowed(account, configured);
        level = Math.max(MaxConnections.MIN, before / 2);
        since = clock.instant();
    }

    /** The relay's last greeting refusal for the account in effect; null when there was none. */
    synchronized Refusal lastRefusal() {
        return last;
    }

    private void follow(Long account) {
        if (!Objects.equals(account, accountId)) {
            accountId = account;
            level = MaxConnections.MAX;
            since = null;
            refusalsInRow = 0;
            last = null;
        }
    }

    private void grow() {
        if (since == null) {
            return;
        }
        Instant now = clock.instant();
        while (level < MaxConnections.MAX && !now.isBefore(since.plus(GROWTH))) {
            level++;
            since = since.plus(GROWTH);
            refusalsInRow = 0;
        }
        if (level >= MaxConnections.MAX) {
            since = null;
        }
    }
}
