package org.mailconsole.mail.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * The sender's outcomes on their way into the embedded database, so that the next message need not
 * wait for a synced commit. Each outcome is written to this file (handed to the operating system,
 * not synced) before the next message goes out; the database records the outcomes in batches behind
 * it, each batch one synced commit. A process killed (kill -9) loses nothing the operating system
 * holds: at the next start the outcomes still in the file are recorded before the sender starts, so
 * at most the message whose outcome was not yet written goes twice, as when every outcome had its
 * own synced commit. A machine that loses power or crashes can lose what was not yet synced, the
 * outcomes of the last moments: those messages are sent again (twice, never lost). The asymmetry is
 * deliberate: a message accepted must be on disk (losing it loses mail), a delivery mark need not be
 * (losing one sends a message twice).
 * <p>
 * One line of JSON per outcome; a line that does not parse (a write cut short) is skipped. The file
 * is emptied whenever every outcome written to it is committed. Used by the sender's thread
 * ({@link #append}) and its recorder ({@link #committed}).
 */
final class OutcomeJournal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutcomeJournal.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An outcome as one line of the file (instants as microseconds since the epoch, as the database keeps them). */
    record Line(long id, int attemptsBefore, long atMicros, String state, String outcome, Integer replyCode,
                String reply, String reason, List<RecipientNote> refused, Long nextAttemptMicros, Long accountId,
                String accountName, Long transcriptId) {
    }

    private final Path file;
    private final FileChannel channel;
    private long written;
    private long committed;

    private OutcomeJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the journal at {@code file}; what it holds is read with {@link #pending()}. */
    static OutcomeJournal open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.position(channel.size());
        return new OutcomeJournal(file, channel);
    }

    Path file() {
        return file;
    }

    /** Writes the outcome to the file (into the operating system, not synced); returns once it is there. */
    synchronized void append(AttemptOutcome outcome) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(line(outcome)) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        written++;
    }

    /** {@code n} more of the outcomes written are committed (or given up); the file is emptied once all are. */
    synchronized void committed(int n) throws IOException {
        committed += n;
        if (committed >= written) {
            clear();
        }
    }

    /** The outcomes in the file, in the order written (those of a run that stopped before recording them). */
    synchronized List<AttemptOutcome> pending() throws IOException {
        List<AttemptOutcome> outcomes = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            try {
                outcomes.add(outcome(JSON.readValue(text, Line.class)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: a line of " + file + " cannot be read and "
                        + "is skipped (its message, if still in the Outbox, is sent again): " + e.getMessage());
            }
        }
        return outcomes;
    }

    /** Empties the file. */
    synchronized void clear() throws IOException {
        channel.truncate(0);
        channel.position(0);
        written = 0;
        committed = 0;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + file + " failed: " + e.getMessage());
        }
    }

    private static Line line(AttemptOutcome outcome) {
        AttemptResult r = outcome.result();
        return new Line(outcome.entryId(), outcome.attemptsBefore(), micros(r.at()), r.state().name(), r.outcome(),
                r.replyCode(), r.reply(), r.reason(), r.refused(), r.nextAttemptAt() == null ? null : micros(r.nextAttemptAt()),
                r.accountId(), r.accountName(), r.transcriptId());
    }

    private static AttemptOutcome outcome(Line l) {
        return new AttemptOutcome(l.id(), l.attemptsBefore(), new AttemptResult(instant(l.atMicros()),
                EmailState.valueOf(l.state()), l.outcome(), l.replyCode(), l.reply(), l.reason(),
                l.refused() == null ? List.of() : l.refused(),
                l.nextAttemptMicros() == null ? null : instant(l.nextAttemptMicros()), l.accountId(), l.accountName(),
                l.transcriptId()));
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
