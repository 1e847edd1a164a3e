package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Throttle signals per outbound account (email-model.md section 7.1): a signal pauses the whole
 * account for {@link #FIRST_PAUSE}, each further one for twice the last pause up to
 * {@link #LONGEST_PAUSE}; after {@link #QUIET} without a signal (counted from the end of the last
 * pause, so that time spent waiting is not taken for quiet) the next pause is the first again.
 * A signal while the account is already paused (the other connections' replies to the same burst)
 * keeps the pause and only notes its reply. Times are the injected {@link Clock}'s; this node's.
 */
final class ThrottleState {
    static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(30);
    static final Duration QUIET = Duration.ofMinutes(10);

    /**
     * The account waits until {@code until}, for the relay's {@code reply}; {@code started}: this
     * signal began the pause (not one more reply to the burst that already had).
     */
    record Pause(Instant until, String reply, boolean started) {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
                .withZone(ZoneOffset.UTC);

        /** As the Outbox and Diagnostics say it. */
        String describe() {
            return "throttled by the relay until " + TIME.format(until) + " (" + reply + ")";
        }
    }

    private record State(Duration length, Instant until, String reply) {
    }

    private final Clock clock;
    private final Map<Long, State> accounts = new HashMap<>();

    ThrottleState(Clock clock) {
        this.clock = clock;
    }

    /**
     * The relay of {@code account} answered {@code reply}, a throttle signal: the pause it now has. A
     * relay that said how long to wait ({@code asked}, as Graph's Retry-After: section 8) is paused
     * exactly that long, without doubling; null: not said.
     */
    synchronized Pause signal(Long account, String reply, Duration asked) {
        Instant now = clock.instant();
        State last = accounts.get(account);
        if (last != null && now.isBefore(last.until())) {
            Instant until = asked != null && now.plus(asked).isAfter(last.until()) ? now.plus(asked) : last.until();
            State noted = new State(last.length(), until, reply);
            accounts.put(account, noted);
            return new Pause(noted.until(), reply, false);
        }
        if (asked != null) {
            State told = new State(asked, now.plus(asked), reply);
            accounts.put(account, told);
            return new Pause(told.until(), reply, true);
        }
        Duration length = FIRST_PAUSE;
        if (last != null && now.isBefore(last.until().plus(QUIET))) {
            Duration doubled = last.length().multipliedBy(2);
            length = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
        }
        State next = new State(length, now.plus(length), reply);
        accounts.put(account, next);
        return new Pause(next.until(), reply, true);
    }

    /** The account's pause if it is paused now; empty when it may send. */
    synchronized Optional<Pause> pause(Long account) {
        State state = accounts.get(account);
        return state != null && clock.instant().isBefore(state.until())
                ? Optional.of(new Pause(state.until(), state.reply(), false)) : Optional.empty();
    }
}
