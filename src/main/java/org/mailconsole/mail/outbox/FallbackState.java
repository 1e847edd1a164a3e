package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mailconsole.mail.live.OutboundConfig;

/**
 * Which account a message goes through while an account's fallback is in use (email-model.md
 * section 7.3): once the primary could not take a message, new messages go to its fallback; every
 * {@link #RETRY_PRIMARY} one due message tries the primary again (one worker, not all), and the
 * primary is back once it takes one. A primary held back on its own (a throttle pause, its rate
 * budget) is not tried. Times are the injected {@link Clock}'s; this node's, in memory.
 */
final class FallbackState {
    static final Duration RETRY_PRIMARY = Duration.ofMinutes(1);

    /** Where the next message goes. */
    enum Choice {
        /** The primary, as usual: no fallback is in use. */
        PRIMARY,
        /** The fallback. */
        FALLBACK,
        /** The primary once more, to see whether it takes messages again. */
        RETRY
    }

    private record State(FallbackUse use, Instant nextRetry) {
    }

    private final Clock clock;
    private final Map<Long, State> accounts = new HashMap<>();

    FallbackState(Clock clock) {
        this.clock = clock;
    }

    /**
     * Where {@code primary}'s next message goes; a {@link Choice#RETRY} is handed out once a minute.
     *
     * @param primaryHeld the primary may not send now anyway (paused or over its budget)
     */
    synchronized Choice choose(Long primary, boolean primaryHeld) {
        State state = accounts.get(primary);
        if (state == null) {
            return Choice.PRIMARY;
        }
        Instant now = clock.instant();
        if (primaryHeld || now.isBefore(state.nextRetry())) {
            return Choice.FALLBACK;
        }
        accounts.put(primary, new State(state.use(), now.plus(RETRY_PRIMARY)));
        return Choice.RETRY;
    }

    /** The primary could not take a message: its fallback is in use from now, the primary tried again in a minute. */
    synchronized void primaryFailed(OutboundConfig primary, String failure) {
        Instant now = clock.instant();
        State last = accounts.get(primary.accountId());
        Instant since = last == null ? now : last.use().since();
        OutboundConfig fallback = primary.fallback();
        accounts.put(primary.accountId(), new State(new FallbackUse(primary.accountId(), primary.accountName(),
                fallback.accountId(), fallback.accountName(), since, now, failure), now.plus(RETRY_PRIMARY)));
    }

    /** A retry made no attempt (no message, or the primary held back on its own): the next look may retry at once. */
    synchronized void retryUnused(Long primary) {
        State state = accounts.get(primary);
        if (state != null) {
            accounts.put(primary, new State(state.use(), clock.instant()));
        }
    }

    /** The primary took a message: its fallback is no longer in use. Whether it was. */
    synchronized boolean primaryTook(Long primary) {
        return accounts.remove(primary) != null;
    }

    /** The fallback in use for this account now, if one is. */
    synchronized Optional<FallbackUse> inUse(Long primary) {
        State state = accounts.get(primary);
        return state == null ? Optional.empty() : Optional.of(state.use());
    }
}
