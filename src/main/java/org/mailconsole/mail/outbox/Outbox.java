package org.mailconsole.mail.outbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.mailconsole.mail.filter.FilterOutcome;
import org.mailconsole.mail.filter.RecipientFilter;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.MessageQueue;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.mail.live.SendPolicy;
import org.mailconsole.mail.source.SendingSources;
import org.mailconsole.mail.source.SendingWebapp;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.RecipientNote;
import org.mailconsole.store.StoreException;
import org.mailconsole.store.emaillog.DueMessage;
import org.mailconsole.store.emaillog.EmailLogStore;
import org.mailconsole.store.emaillog.EmailNotFoundException;
import org.mailconsole.store.emaillog.EmailStateConflictException;

/**
 * The Outbox (email-model.md section 5): queue-first sending for the shared session. {@link #accept}
 * applies the policy and commits the message (raw MIME + envelope) with its log entry in one
 * transaction, then wakes the {@link OutboxSender}, which delivers. Also the admin's Retry now and
 * Cancel, and the console's synchronous test email.
 */
public final class Outbox implements MessageQueue {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final EmailLogStore store;
    private final CachedConfig config;
    private final Clock clock;
    private final OutboxSender sender;
    private final boolean soleEngine;
    private final Path journalFile;
    /** Where the sender's outcomes go before the database (embedded database); null otherwise or when it cannot be used. */
    private volatile OutcomeJournal journal;
    private final OutboxTiming timing;
    private final SendingSources sources;
    /** The messages being attempted or cancelled in this process right now (the in-process claim). */
    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();
    /** Messages handed over and held in hand for the sender (embedded database), to deliver without a read. */
    private final FreshMessages fresh = new FreshMessages();
    /** Writes new entries' search terms behind the apps; from {@link #start()} to {@link #stop()}. */
    private volatile TermIndexer indexer;
    /**
     * Moves after every change of an Outbox entry made outside the sender (Cancel, an attempt made now),
     * before that entry leaves this process's hands. A sender that read its batch under an older mark
     * reads the entry again once it holds it; one that read the mark after the move read the batch
     * after the change too.
     */
    private final AtomicLong outsideChanges = new AtomicLong();
    static final long APPS_QUIET_NANOS = 1_000_000;
    static final long MAX_YIELD_NANOS = 5_000_000;
    private final AtomicInteger appsQueueing = new AtomicInteger();
    private volatile long lastAccepted = System.nanoTime() - APPS_QUIET_NANOS;

    /**
     * @param soleEngine  the database is an embedded file only this process can open: a claim found at
     *                    start belongs to a process that died, and is released at once, and a claim is
     *                    held in memory only (no synced commit of its own); with a database server
     *                    (several nodes) a claim is also the stored conditional UPDATE
     * @param journalFile with the embedded database (sole engine), the file of the sender's
     *                    {@link OutcomeJournal}; null to commit each outcome before the next message's dot
     * @param timing      the claim's length and the idle sender's sweep (an admin's system properties)
     */
    public Outbox(EmailLogStore store, CachedConfig config, Clock clock, boolean soleEngine, Path journalFile,
                  OutboxTiming timing) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.soleEngine = soleEngine;
        this.journalFile = soleEngine ? journalFile : null;
        this.timing = timing;
        this.sources = new SendingSources(clock);
        this.sender = new OutboxSender(this, store, config, clock, timing);
    }

    /**
     * Starts the sender (messages left from the last run go out at once when due), after recording
     * the outcomes the last run had written to its journal only.
     */
    public void start() {
        if (journalFile != null) {
            journal = openJournal();
        }
        if (soleEngine) {
            int released = store.releaseAllClaims();
            if (released > 0) {
                LOG.log(System.Logger.Level.INFO, "Mail Console Outbox: {0} message(s) were being sent when the "
                        + "last run stopped; they are sent again", released);
            }
        }
        indexer = new TermIndexer(store, this::appsWriting);
        sender.start();
    }

    /** Stops the sender: the message in flight finishes (bounded), its outcome is recorded, the connection closes. */
    public void stop() {
        sender.stop();
        for (Candidate left : fresh.clear()) { // still in the Outbox: the next start sends them
            inHand.remove(left.id());
        }
        TermIndexer running = indexer;
        indexer = null;
        if (running != null) {
            running.close();
        }
        OutcomeJournal open = journal;
        journal = null;
        if (open != null) {
            open.close();
        }
    }

    /** The sender's outcome journal, or null (database server, or the file cannot be used). */
    OutcomeJournal journal() {
        return journal;
    }

    /** Opens the journal and records what the last run left in it; null (each outcome committed at once) if it cannot. */
    private OutcomeJournal openJournal() {
        OutcomeJournal opened = null;
        try {
            opened = OutcomeJournal.open(journalFile);
            List<AttemptOutcome> left = opened.pending();
            if (!left.isEmpty()) {
                int recorded = store.recordAll(left);
                LOG.log(System.Logger.Level.INFO, "Mail Console Outbox: {0} outcome(s) of the last run recorded from "
                        + "{1} ({2} were recorded already)", recorded, journalFile, left.size() - recorded);
            }
            opened.clear();
            return opened;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: cannot use " + journalFile + " (" + e.getMessage()
                    + "); each outcome is committed before the next message instead");
            if (opened != null) {
                opened.close();
            }
            return null;
        } catch (RuntimeException e) {
            // the outcomes it holds could not be recorded: starting the sender would send those messages again
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
    }

    /** The sources (webapps, and the console) that handed messages to this Outbox since it started, in memory. */
    public SendingSources sources() {
        return sources;
    }

    /** Whether the sender thread runs (from {@link #start()} to {@link #stop()}). */
    public boolean running() {
        return sender.running();
    }

    @Override
    public long accept(MimeMessage message, Address[] recipients, ConfigSnapshot snapshot, String source)
            throws MessagingException {
        appsQueueing.incrementAndGet();
        try {
            return queue(message, recipients, snapshot, source != null ? source : SendingWebapp.current(), true);
        } finally {
            lastAccepted = System.nanoTime();
            appsQueueing.decrementAndGet();
        }
    }

    /**
     * The sender gives way to apps that are handing over messages: the sender's reads and its SMTP
     * exchange share the cores and the database with the apps' commits. Waits until no app has handed
     * over a message for {@link #APPS_QUIET_NANOS}, at most {@link #MAX_YIELD_NANOS} each time, so a
     * steady stream of sends slows delivery but cannot stop it. Called before each attempt.
     */
    void yieldToApps() {
        long deadline = System.nanoTime() + MAX_YIELD_NANOS;
        while (System.nanoTime() < deadline && appsWriting()) {
            LockSupport.parkNanos(100_000);
        }
    }

    /** Whether an app is handing over a message now, or did within {@link #APPS_QUIET_NANOS}. */
    boolean appsWriting() {
        return appsQueueing.get() > 0 || System.nanoTime() - lastAccepted < APPS_QUIET_NANOS;
    }

    /** Logs the message (Outbox or Skipped); {@code forSender}: the sender is to deliver it (else the caller does). */
    private long queue(MimeMessage message, Address[] recipients, ConfigSnapshot snapshot, String source,
                       boolean forSender) throws MessagingException {
        sources.record(source);
        OutboundConfig outbound = snapshot.outbound();
        List<String> original = addresses(recipients);
        if (!outbound.sending()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} not sent: {1}",
                    SendPolicy.describe(message), outbound.skipReason());
            return add(message, null, original, List.of(), List.of(), outbound, source, outbound.skipReason(), false);
        }
        SendPolicy.prepare(message, outbound);
        if (message.getMessageID() == null) {
            message.saveChanges();
        }
        List<String> actual = SendPolicy.actualRecipients(original, outbound);
        if (!outbound.testRecipients().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} goes to the test address(es) {1} "
                    + "instead of its {2} recipient(s)", SendPolicy.describe(message), outbound.testRecipients(),
                    original.size());
        }
        // the system address filter in effect applies here, after the test address (which it never blocks)
        FilterOutcome filtered = RecipientFilter.apply(outbound.addressFilter(), addresses(actual),
                outbound.testRecipients());
        List<String> kept = filtered.kept().stream().map(Outbox::addressOf).toList();
        List<RecipientNote> blocked = filtered.blocked().stream()
                .map(b -> new RecipientNote(b.address(), "blocked by the system address filter \""
                        + b.filterName() + "\": " + b.reason()))
                .toList();
        if (!blocked.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0}: recipient(s) dropped by the system address "
                    + "filter \"{1}\": {2}", SendPolicy.describe(message), filtered.filter().name(),
                    blocked.stream().map(RecipientNote::address).toList());
        }
        if (kept.isEmpty()) {
            String reason = filtered.nothingLeft() ? filtered.skipReason() : "no recipient left";
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} not sent: {1}",
                    SendPolicy.describe(message), reason);
            return add(message, null, original, List.of(), blocked, outbound, source, reason, false);
        }
        return add(message, MimeBytes.of(message), original, kept, blocked, outbound, source, null, forSender);
    }

    private long add(MimeMessage message, byte[] mime, List<String> original, List<String> actual,
                     List<RecipientNote> blocked, OutboundConfig outbound, String source, String reason,
                     boolean forSender) throws MessagingException {
        Address[] from = message.getFrom();
        NewEmail email = new NewEmail(clock.instant(), mime == null ? EmailState.SEND_IGNORED : EmailState.SEND_READY,
                message.getMessageID(), from == null || from.length == 0 ? null : unicode(from[0]), message.getSubject(),
                mime == null ? Math.max(0, message.getSize()) : mime.length, original, actual, blocked,
                outbound.accountId(), outbound.accountName(), source, reason, mime);
        long mark = outsideChanges.get();
        long id;
        try {
            id = store.add(email);
        } catch (StoreException e) {
            throw new MessagingException("Mail Console could not keep the message in its Outbox: " + e.getMessage(), e);
        }
        TermIndexer terms = indexer;
        if (terms != null) {
            terms.wake();
        }
        if (forSender) {
            handToSender(id, email, mark);
        }
        return id;
    }

    /**
     * Wakes the sender for a committed Outbox message. With the embedded database the message is
     * also held in hand (the in-memory claim) and passed to it in memory, read as of {@code mark}: an
     * outside change since (a Cancel between the commit and this) makes the sender read it again.
     * Otherwise, or without room, the sender reads the database.
     */
    private void handToSender(long id, NewEmail email, long mark) {
        if (soleEngine && inHand.add(id)) { // not held: the sender has it from the database already
            if (fresh.offer(new Candidate(id, new DueMessage(EmailLogStore.asWritten(id, email), email.mime()), mark))) {
                sender.wake();
                return;
            }
            inHand.remove(id);
        }
        sender.wakeToRead();
    }

    /**
     * Takes a message in hand in this process: free, or handed to the sender in memory and not yet
     * taken by it (then this caller takes it instead: Cancel and Retry now need not wait for the sender
     * to reach it). False if someone in this process holds it.
     */
    private boolean hold(long id) {
        return inHand.add(id) || fresh.remove(id);
    }

    /** How long Cancel waits for the hold of an attempt that is ending before it refuses. */
    static final Duration CANCEL_PATIENCE = Duration.ofSeconds(1);

    private boolean holdWithin(long id, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!hold(id)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }

    /** Whether only this process uses the database (embedded): its claims are all in memory. */
    boolean soleEngine() {
        return soleEngine;
    }

    /** The next message handed to the sender in memory (held in hand for it), or null. */
    Candidate nextFresh() {
        return fresh.poll();
    }

    /**
     * The console's test email: logged like any message (source "console"), then attempted at once in
     * the caller's thread, so the admin sees the server's reply. The entry after the attempt.
     */
    public EmailEntry sendNow(MimeMessage message, String source) throws MessagingException {
        long id = queue(message, message.getAllRecipients(), config.current(), source, false);
        return attemptNow(id);
    }

    /** Retry now (Outbox or Failed; 409 otherwise): the entry after an attempt made now. */
    public EmailEntry retryNow(long id) {
        store.retryNow(id, clock.instant());
        return attemptNow(id);
    }

    /** Cancel (Outbox, not being sent right now; 409 otherwise): the entry, now Skipped. */
    public EmailEntry cancel(long id, String user) {
        // held while cancelling, so this process's sender cannot start on it meanwhile; an attempt that
        // is just ending (its outcome committed, the hold not yet let go) is waited for a moment
        if (!holdWithin(id, CANCEL_PATIENCE)) {
            store.find(id).orElseThrow(() -> new EmailNotFoundException(id));
            throw new EmailStateConflictException("the message is being sent right now; it cannot be cancelled");
        }
        try {
            return store.cancel(id, user, clock.instant());
        } finally {
            outsideChanges.incrementAndGet();
            inHand.remove(id);
        }
    }

    /**
     * Claims a message for an attempt by this process: in memory, and with a database server also in
     * the database (the conditional UPDATE, which one node wins). False if someone holds it.
     */
    boolean claim(long id, String owner) {
        if (!hold(id)) {
            return false;
        }
        Instant now = clock.instant();
        if (!soleEngine && !store.claim(id, owner, now, now.plus(timing.claim()))) {
            inHand.remove(id);
            return false;
        }
        return true;
    }

    /**
     * Attempts an Outbox message in this thread, on a connection of its own; if a sender holds it
     * already, waits (bounded by the claim) for that attempt instead. The entry afterwards.
     */
    EmailEntry attemptNow(long id) {
        if (claim(id, sender.owner())) {
            try (SmtpDelivery delivery = newDelivery()) {
                DueMessage message = read(id);
                if (message != null) {
                    store.record(id, attempt(message, delivery, DotGate.OPEN));
                }
            } finally {
                outsideChanges.incrementAndGet();
                inHand.remove(id);
            }
        } else {
            waitWhileClaimed(id);
        }
        return store.find(id).orElseThrow(() -> new EmailNotFoundException(id));
    }

    private void waitWhileClaimed(long id) {
        long deadline = System.nanoTime() + timing.claim().toNanos();
        while (System.nanoTime() < deadline) {
            if (!inHand.contains(id)) {
                if (soleEngine) {
                    return;
                }
                Optional<EmailEntry> entry = store.find(id);
                if (entry.isEmpty() || entry.get().state() != EmailState.SEND_READY
                        || !entry.get().claimedAt(clock.instant())) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A connection of its own for the live configuration's outbound account. */
    SmtpDelivery newDelivery() {
        return new SmtpDelivery(config.source());
    }

    /** A message the sender may attempt: its id, and (embedded database) its entry and MIME as read at {@code mark}. */
    record Candidate(long id, DueMessage read, long mark) {
    }

    /**
     * The messages due at {@code now}, at most {@code limit}, earliest first. With the embedded
     * database, where only this process changes an entry, each is read whole in one query; with a
     * database server only their ids (each is read again once claimed, as another node may have
     * changed it).
     */
    List<Candidate> due(Instant now, int limit) {
        if (!soleEngine) {
            return store.due(now, limit).stream().map(id -> new Candidate(id, null, 0)).toList();
        }
        long mark = outsideChanges.get();
        return store.dueMessages(now, limit).stream().map(m -> new Candidate(m.entry().id(), m, mark)).toList();
    }

    /**
     * The sender's attempt of a message it has claimed: delivered on the sender's connection, whose
     * final dot waits for the previous outcome ({@link OutcomeRecorder}); the outcome is handed to the
     * recorder, and the claim is released once it is recorded. Its result; null if it was no longer in
     * the Outbox.
     */
    AttemptResult attemptClaimed(Candidate candidate, SmtpDelivery delivery, OutcomeRecorder recorder) {
        long id = candidate.id();
        boolean handedOver = false;
        try {
            // read again unless read whole after every outside change: an entry cancelled (or sent by a
            // Retry now) just before is left alone
            DueMessage message = candidate.read() != null && outsideChanges.get() == candidate.mark()
                    ? candidate.read() : read(id);
            if (message == null) {
                return null;
            }
            AttemptResult result = attempt(message, delivery, recorder::awaitLast);
            recorder.submit(new AttemptOutcome(id, message.entry().attempts(), result), () -> inHand.remove(id));
            handedOver = true;
            return result;
        } finally {
            if (!handedOver) {
                inHand.remove(id);
            }
        }
    }

    /** The entry and its raw message, if it is still in the Outbox. */
    private DueMessage read(long id) {
        Optional<EmailEntry> entry = store.find(id);
        if (entry.isEmpty() || entry.get().state() != EmailState.SEND_READY) {
            return null;
        }
        return new DueMessage(entry.get(), store.mime(id).orElse(null));
    }

    /** One attempt with the configuration in effect now; its outcome, not yet recorded. */
    private AttemptResult attempt(DueMessage message, SmtpDelivery delivery, DotGate gate) {
        ConfigSnapshot snapshot = config.current();
        OutboundConfig outbound = snapshot.outbound();
        if (!outbound.sending()) {
            return DeliveryOutcomes.skipped(clock.instant(), "not sent: " + outbound.skipReason(), outbound);
        }
        EmailEntry entry = message.entry();
        Delivery delivered = message.mime() != null
                ? delivery.deliver(snapshot, message.mime(), entry.actualRecipients(), gate)
                : new Delivery(false, 554, "the stored message is missing", List.of(), null);
        return DeliveryOutcomes.decide(delivered, snapshot.rules(), entry.attempts() + 1, clock.instant(), outbound);
    }

    private static List<String> addresses(Address[] recipients) {
        List<String> list = new ArrayList<>();
        if (recipients != null) {
            for (Address address : recipients) {
                list.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
            }
        }
        return list;
    }

    private static String unicode(Address address) {
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

    private static Address[] addresses(List<String> recipients) {
        Address[] addresses = new Address[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            InternetAddress address = new InternetAddress();
            address.setAddress(recipients.get(i));
            addresses[i] = address;
        }
        return addresses;
    }

    private static String addressOf(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
    }
}
