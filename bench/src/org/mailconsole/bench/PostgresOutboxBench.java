package org.mailconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.mail.outbox.OutboxTiming;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.DatabaseClock;
import org.mailconsole.store.emaillog.EmailLogReader;
import org.mailconsole.store.emaillog.JdbcOutboxQueue;
import org.mailconsole.testing.PostgresServer;

/**
 * The Outbox on PostgreSQL: delivered messages per second with two senders (two nodes, each with
 * Default SMTP's Connections (default 4) workers, on one database, as two containers of a cluster, like PostgresOutboxIT)
 * against one sender, in the same run, alternating rounds. Each round puts N messages in the Outbox first, due at one instant a
 * moment later, then times from that instant until the email log counts all N Sent.
 */
public final class PostgresOutboxBench {
    private static final byte[] MIME = ("From: bench@example.com\r\nTo: sink@example.com\r\nSubject: bench\r\n"
            + "Message-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n"
            + "\r\nbenchmark message body\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        // an idle sender looks for due messages every second (the admin's setting; the default is 5 s)
        System.setProperty(OutboxTiming.SWEEP_SECONDS, "1");
        System.out.printf("Outbox on PostgreSQL, one sender vs two: %d messages per round, %d round(s) each; "
                + "%d CPU(s), load %.1f%n", n, rounds, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Files.createTempDirectory("mail-console-pg-outbox-bench");
        try (PostgresServer postgres = PostgresServer.start(); SmtpSink sink = new SmtpSink()) {
            StorageSettings first = new StorageSettings(postgres.jdbcUrl(), "postgres", "", dir.resolve("key"));
            StorageSettings second = new StorageSettings(postgres.jdbcUrl()
                    + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=node-b", "postgres", "",
                    dir.resolve("key"));
            SharedEngine a = SharedEngine.acquire(first);
            try {
                PropertiesService properties = new PropertiesService(new PropertyStore(a.database(), a.secrets()),
                        Clock.systemUTC());
                properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server",
                        "127.0.0.1", "glide.smtp.port", String.valueOf(sink.port()),
                        "glide.email.smtp.max_send", "1000000")), "bench");
                EmailLogReader log = a.log();
                // a queue of the bench's own on node A's database, to fill the Outbox fast (enqueue is
                // what the live session's send does, without building the MIME)
                JdbcOutboxQueue queue = new JdbcOutboxQueue(a.database(),
                        new DatabaseClock(a.database(), Clock.systemUTC()), OutboxTiming.DEFAULT.lease());
                round(a, null, queue, log, sink, Math.min(n, 300), "warm-up, one sender");
                double[] one = new double[rounds];
                double[] two = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    one[r] = round(a, null, queue, log, sink, n, "one sender ");
                    SharedEngine b = SharedEngine.acquire(second);
                    try {
                        two[r] = round(a, b, queue, log, sink, n, "two senders");
                    } finally {
                        b.release();
                    }
                }
                double oneBest = java.util.Arrays.stream(one).max().orElse(0);
                double twoBest = java.util.Arrays.stream(two).max().orElse(0);
                System.out.printf("RESULT two senders / one sender: best %.0f / %.0f msg/s = %.2f; rounds %s / %s%n",
                        twoBest, oneBest, twoBest / oneBest, java.util.Arrays.toString(round0(two)),
                        java.util.Arrays.toString(round0(one)));
            } finally {
                a.release();
            }
        } finally {
            OutboxBench.delete(dir);
        }
    }

    /** Fills the Outbox with n messages due 2 s after the fill, then times the senders until all are Sent. */
    static double round(SharedEngine a, SharedEngine b, JdbcOutboxQueue queue, EmailLogReader log, SmtpSink sink,
                        int n, String label)
            throws Exception {
        long sentBefore = log.counts().get(EmailState.SENT);
        long sinkBefore = sink.messages();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(queue.enqueue(NewEmail.builder().createdAt(later).messageId("<bench-" + i + "@example.com>")
                    .from("bench@example.com").subject("bench " + i).size(MIME.length)
                    .recipients(List.of("sink@example.com")).actualRecipients(List.of("sink@example.com"))
                    .source("bench").mime(MIME).build()));
        }
        Instant due = Instant.now().plusSeconds(2);
        a.database().inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE email_entry SET next_attempt_at = ? WHERE state = 'send-ready' AND id BETWEEN ? AND ?")) {
                update.setTimestamp(1, Timestamp.from(due));
                update.setLong(2, ids.get(0));
                update.setLong(3, ids.get(ids.size() - 1));
                return update.executeUpdate();
            }
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (log.counts().get(EmailState.SENT) - sentBefore < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = Duration.between(due, Instant.now()).toNanos() / 1e9;
        long sent = log.counts().get(EmailState.SENT) - sentBefore;
        long arrived = sink.messages() - sinkBefore;
        if (sent < n) {
            throw new IllegalStateException(label + ": only " + sent + " of " + n + " sent within 3 minutes");
        }
        double rate = n / seconds;
        System.out.printf("%s: %d messages Sent in %.2f s: %.0f msg/s (the sink got %d: %s)%n", label, n, seconds, rate,
                arrived, arrived == n ? "each once" : "NOT each once");
        if (arrived != n) {
            throw new IllegalStateException(label + ": the sink got " + arrived + " messages for " + n);
        }
        return rate;
    }

    private static long[] round0(double[] values) {
        return java.util.Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
