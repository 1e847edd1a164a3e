package org.mailconsole.mail.outbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.MessageQueue;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.mail.live.SendPolicy;
import org.mailconsole.mail.source.SendingSources;
import org.mailconsole.mail.source.SendingWebapp;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.RecipientNote;
import org.mailconsole.store.StoreException;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * The Outbox (email-model.md, the Outbox and the email log): the live session's queue. {@link #accept}
 * applies the policy (sending off, default From, test address, the system address filter) and
 * commits the message (raw MIME, envelope, search terms) with its log entry in one transaction of
 * the {@link OutboxQueue}, then wakes the {@link DeliveryEngine}, which delivers. Also the admin's
 * Retry now and Cancel, and the console's synchronous test email. Retry now and Cancel pass the
 * queue's {@code EmailNotFoundException} and {@code EmailStateConflictException} on.
 */
public final class Outbox implements MessageQueue {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final OutboxQueue queue;
    private final CachedConfig config;
    private final Clock clock;
    private final DeliveryEngine engine;
    private final SendingSources sources;

    public Outbox(OutboxQueue queue, CachedConfig config, Clock clock, DeliveryEngine engine) {
        this.queue = queue;
        this.config = config;
        this.clock = clock;
        this.engine = engine;
        this.sources = new SendingSources(clock);
    }

    @Override
    public long accept(MimeMessage message, Address[] recipients, ConfigSnapshot snapshot, String source)
            throws MessagingException {
        String from = source != null ? source : SendingWebapp.current();
        long id = queue(message, recipients, snapshot, from);
        engine.wake();
        return id;
    }

    /** The webapps (and the console) that sent mail through the Outbox since this JVM started (in memory). */
    public SendingSources sources() {
        return sources;
    }

    /**
     * The console's test email: logged like any message (source "console"), then attempted at once in
     * the caller's thread, so the admin sees the server's reply. The entry after the attempt.
     */
    public EmailEntry sendNow(MimeMessage message, String source) throws MessagingException {
        long id = queue(message, message.getAllRecipients(), config.current(), source);
        return engine.attemptNow(id);
    }

    /**
     * Retry now (Outbox or Failed; 409 otherwise): the entry after an attempt made now. While the
     * Outbox is paused it changes nothing and throws {@link SendingPausedException}.
     */
    public EmailEntry retryNow(long id) {
        pausedReason().ifPresent(reason -> {
            throw new SendingPausedException("the Outbox is paused (" + reason + "); the message waits and goes "
                    + "once sending is possible again");
        });
        queue.makeDue(id);
        return engine.attemptNow(id);
    }

    /**
     * Why the Outbox is paused now (sending off, no active outbound account, a blank server, the
     * relay throttling the account: "throttled by the relay until ..."), or empty while sending is
     * possible: its messages wait, using no retry step.
     */
    public Optional<String> pausedReason() {
        OutboundConfig outbound = config.current().outbound();
        return outbound.sending() ? engine.throttled().or(engine::held) : Optional.of(outbound.skipReason());
    }

    /** Why the Outbox's messages wait now: the same facts as {@link #pausedReason()}, with the rate limit apart. */
    public OutboxHold hold() {
        OutboundConfig outbound = config.current().outbound();
        if (!outbound.sending() || engine.throttled().isPresent()) {
            return OutboxHold.PAUSED;
        }
        return engine.held().isPresent() ? OutboxHold.LIMITED : OutboxHold.DUE;
    }

    /**
     * Cancel all: every Outbox message not being delivered right now becomes Skipped, with the audit
     * entries {@code audit} makes of the number; how many.
     */
    public int cancelAll(String user, IntFunction<List<AuditEntry>> audit) {
        return queue.cancelAll(user, audit);
    }

    /** Cancel (Outbox, not being delivered right now; 409 otherwise): the entry, now Skipped. */
    public EmailEntry cancel(long id, String user) {
        return queue.cancel(id, user);
    }

    /** Logs the message: in the Outbox, or Skipped with the reason. Its entry's id. */
    private long queue(MimeMessage message, Address[] recipients, ConfigSnapshot snapshot, String source)
            throws MessagingException {
        sources.record(source);
        OutboundConfig outbound = snapshot.outbound();
        List<String> original = addresses(recipients);
        if (!outbound.sending()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} not sent: {1}",
                    SendPolicy.describe(message), outbound.skipReason());
            return add(message, null, original, List.of(), List.of(), outbound, source, outbound.skipReason());
        }
        SendPolicy.prepare(message, outbound);
        if (message.getMessageID() == null) {
            message.saveChanges();
        }
        if (!outbound.testRecipients().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} goes to the test address(es) {1} "
                    + "instead of its {2} recipient(s)", SendPolicy.describe(message), outbound.testRecipients(),
                    original.size());
        }
        RecipientPolicy.Applied applied = RecipientPolicy.apply(original, outbound);
        List<RecipientNote> blocked = applied.blocked();
        if (!blocked.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0}: recipient(s) dropped by the system address "
                    + "filter \"{1}\": {2}", SendPolicy.describe(message), applied.filter().filter().name(),
                    blocked.stream().map(RecipientNote::address).toList());
        }
        String nothingLeft = applied.nothingLeftReason();
        if (nothingLeft != null) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} not sent: {1}",
                    SendPolicy.describe(message), nothingLeft);
            return add(message, null, original, List.of(), blocked, outbound, source, nothingLeft);
        }
        return add(message, MimeBytes.of(message), original, applied.kept(), blocked, outbound, source, null);
    }

    private long add(MimeMessage message, byte[] mime, List<String> original, List<String> actual,
                     List<RecipientNote> blocked, OutboundConfig outbound, String source, String reason)
            throws MessagingException {
        Address[] from = message.getFrom();
        NewEmail email = NewEmail.builder().createdAt(clock.instant()).messageId(message.getMessageID())
                .from(from == null || from.length == 0 ? null : unicode(from[0])).subject(message.getSubject())
                .size(mime == null ? Math.max(0, message.getSize()) : mime.length).recipients(original)
                .actualRecipients(actual).blockedRecipients(blocked).account(outbound.accountId(), outbound.accountName())
                .source(source).reason(reason).mime(mime).build();
        try {
            long id = queue.enqueue(email);
            engine.meters().handedOver(source, outbound.accountName(), mime != null);
            return id;
        } catch (StoreException e) {
            // the app's send fails and says why: a message is either committed or refused, never lost
            throw new MessagingException("Mail Console could not keep the message in its Outbox: " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(Address[] recipients) {
        return recipients == null ? List.of() : Arrays.stream(recipients).map(RecipientPolicy::addressOf).toList();
    }

    private static String unicode(Address address) {
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

}
