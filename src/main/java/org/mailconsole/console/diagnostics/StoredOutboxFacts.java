package org.mailconsole.console.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.store.emaillog.EmailLogFacts;
import org.mailconsole.store.emaillog.EmailLogReader;

/**
 * The Outbox's facts, read from the Outbox and the email log (email-model.md section 6), and its
 * two health checks: {@code sender} is DOWN when the last {@link #FAILED_ATTEMPTS} delivery
 * attempts all failed on connection or authentication (recorded without a reply code: the server
 * never answered the message); {@code outbox} is DOWN when its oldest entry has waited longer than
 * {@link #OUTBOX_WAIT}.
 */
public final class StoredOutboxFacts implements OutboxFacts {
    public static final int FAILED_ATTEMPTS = 3;
    public static final Duration OUTBOX_WAIT = Duration.ofMinutes(15);
    static final int HOURS_IN_A_DAY = 24;

    private final EmailLogReader log;
    private final EmailLogFacts facts;
    private final BooleanSupplier senderRunning;
    private final Supplier<Optional<String>> paused;
    private final Clock clock;

    /** @param paused why the Outbox is paused now (its messages wait), empty while sending is possible */
    public StoredOutboxFacts(EmailLogReader log, EmailLogFacts facts, BooleanSupplier senderRunning,
                             Supplier<Optional<String>> paused, Clock clock) {
        this.log = log;
        this.facts = facts;
        this.senderRunning = senderRunning;
        this.paused = paused;
        this.clock = clock;
    }

    @Override
    public Optional<Sender> sender() {
        Optional<EmailLogFacts.Attempt> success = facts.lastAttempt(Outcome.SENT, Outcome.PARTIAL);
        Optional<EmailLogFacts.Attempt> failure = facts.lastAttempt(Outcome.DEFERRED, Outcome.FAILED);
        return Optional.of(new Sender(senderRunning.getAsBoolean(),
                success.map(EmailLogFacts.Attempt::at).orElse(null),
                failure.map(EmailLogFacts.Attempt::at).orElse(null),
                failure.map(StoredOutboxFacts::reason).orElse(null)));
    }

    @Override
    public Optional<Outbox> outbox() {
        long size = log.counts().get(EmailState.SEND_READY);
        Long oldestAge = facts.oldestInOutbox()
                .map(at -> Math.max(0, Duration.between(at, clock.instant()).toSeconds()))
                .orElse(null);
        return Optional.of(new Outbox(size, oldestAge, paused.get().orElse(null)));
    }

    @Override
    public Optional<Counts> counts() {
        Instant now = clock.instant();
        return Optional.of(new Counts(window(now.minus(Duration.ofHours(1))), window(now.minus(Duration.ofDays(1)))));
    }

    @Override
    public List<Hour> lastDayByHour() {
        return facts.byHour(clock.instant(), HOURS_IN_A_DAY).stream()
                .map(h -> new Hour(h.start(), h.sent(), h.deferred(), h.failed())).toList();
    }

    @Override
    public Map<String, HealthStatus> healthChecks() {
        Map<String, HealthStatus> checks = new LinkedHashMap<>();
        boolean failing = facts.lastAttemptsFailedToConnect(FAILED_ATTEMPTS);
        checks.put("sender", failing ? HealthStatus.DOWN : HealthStatus.UP);
        // only due messages count: a paused Outbox, or a message waiting for its back-off, is shown, not DOWN
        Instant now = clock.instant();
        boolean waitedTooLong = paused.get().isEmpty() && facts.oldestDue(now)
                .map(at -> Duration.between(at, now).compareTo(OUTBOX_WAIT) > 0)
                .orElse(false);
        checks.put("outbox", waitedTooLong ? HealthStatus.DOWN : HealthStatus.UP);
        return checks;
    }

    private Window window(Instant since) {
        return new Window(facts.countSince(EmailState.SENT, since), facts.countSince(EmailState.SEND_FAILED, since),
                facts.countSince(EmailState.SEND_IGNORED, since));
    }

    /** The server's reply (it starts with the code), or the named connection failure. */
    private static String reason(EmailLogFacts.Attempt attempt) {
        return attempt.reply();
    }
}
