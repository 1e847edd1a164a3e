package org.mailconsole.store.emaillog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.function.IntFunction;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.NewEmail;

/**
 * The Outbox's queue (as Apache James' MailQueue): a message acknowledged is a row committed, a
 * delivery holds a {@link Lease} on it, and its outcome is recorded only by the lease's owner.
 * Times are the queue's clock (the database's); a lease lasts {@code leaseLength} from its last
 * renewal. Every method is one transaction.
 */
public interface OutboxQueue {
    /** Writes the entry, its search terms and (Outbox) its raw MIME; committed when this returns. Its id. */
    long enqueue(NewEmail email);

    /** Leases this message for {@code owner} if it is in the Outbox and no live lease holds it. */
    Optional<Lease> lease(String owner, long id);

    /** Extends these leases; the ids whose lease is still the owner's (an entry gone or taken over is not). */
    List<Long> renew(Collection<Lease> leases);

    /**
     * Records the attempt and moves the entry to its new state, ending the lease, if the lease's
     * owner still holds the message (even past its expiry, as long as no one took it over); false
     * (nothing changed) otherwise.
     */
    boolean complete(Lease lease, AttemptResult result);

    /** What {@link #completeAndLease} did: whether the outcome was recorded, and the leases taken next. */
    record Completion(boolean recorded, List<Lease> next, BudgetWait held) {
    }

    /** An outbound account's rate limits that leases are held to (email-model.md section 7). */
    record Budget(Long accountId, RateLimits limits) {
        /** Whether leases must check it: an account with a limit. */
        public boolean applies() {
            return accountId != null && limits != null && limits.any();
        }
    }

    /**
     * The next due message is held back by the account's {@code limit} ("messages per minute" or
     * "recipients per day", set to {@code value}) until {@code until}.
     */
    record BudgetWait(Instant until, String limit, int value) {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
                .withZone(ZoneOffset.UTC);

        /** As the Outbox and Diagnostics say it. */
        public String describe() {
            return limit + " (" + value + ") reached until " + TIME.format(until);
        }
    }

    /** How much of an account's budget is spent: messages in the last minute, recipients in the last 24 hours. */
    record BudgetUsed(long lastMinute, long last24hRecipients) {
    }

    /** What a lease within a budget came to: the leases, or (none leased) why the next due message waits. */
    record Leased(List<Lease> leases, BudgetWait held) {
    }

    /**
     * Leases up to {@code max} due messages for {@code owner}, earliest due first, held to
     * {@code budget} (null: none): when it {@link Budget#applies()}, one message at most, its
     * account's row locked, its send reserved in the budget in the same transaction (so two nodes
     * cannot spend the same budget), or none with the {@link BudgetWait}. A message with more
     * recipients than the whole daily limit is leased without a reservation (its attempt fails it).
     */
    Leased lease(String owner, int max, Budget budget);

    /**
     * {@link #complete}, and in the same transaction {@link #lease(String, int, Budget)} of up to
     * {@code max} due messages for the same owner: a worker that goes on to its next message pays one
     * commit per message, not two (the commit's sync is most of a delivery's cost in the database).
     */
    Completion completeAndLease(Lease lease, AttemptResult result, int max, Budget budget);

    /**
     * Moves a leased message to another account's budget (its fallback's, email-model.md section
     * 7.3): the reservation it holds, if any, is dropped (that account spent nothing on it) and,
     * when {@code budget} applies, one is made under that account's row lock as a lease does; or
     * the wait, and then it holds none. A message with more recipients than that account's whole
     * daily limit gets no reservation (its attempt fails it).
     */
    Optional<BudgetWait> rebudget(Lease lease, Budget budget);

    /** Gives the message back without an attempt (a stop): due again at once. */
    void release(Lease lease);

    /**
     * Cancel: an Outbox message no live lease holds becomes Skipped, "cancelled by {@code user}",
     * its raw MIME dropped. {@link EmailNotFoundException}, or {@link EmailStateConflictException}
     * when it is not in the Outbox or is being delivered.
     */
    EmailEntry cancel(long id, String user);

    /**
     * Cancel all: every Outbox message no live lease holds becomes Skipped, "cancelled by {@code user}",
     * its raw MIME dropped, with the audit entries {@code audit} makes of the number, in one
     * transaction. A message being delivered finishes its attempt and is not counted. How many.
     */
    int cancelAll(String user, IntFunction<List<AuditEntry>> audit);

    /** Retry now: an Outbox or Failed message becomes due now (a Failed one returns to the Outbox). */
    EmailEntry makeDue(long id);

    /** When the earliest Outbox message that no live lease holds is due; empty when there is none. */
    Optional<Instant> nextDue();
}
