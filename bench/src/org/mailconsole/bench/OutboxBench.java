package org.mailconsole.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.console.diagnostics.StoredOutboxFacts;
import org.mailconsole.mail.connect.ConnectionSessions;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.Protocol;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.SearchTerms;
import org.mailconsole.store.Database;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.EmailLogFacts;
import org.mailconsole.store.emaillog.EmailLogReader;

/**
 * Benchmark (not a test) of the Outbox and the email log against issue 18's floors, each figure
 * beside its baseline measured in the same run, on a real HSQLDB file (the embedded database) and
 * an SMTP sink on loopback, through public API only (the shared engine and its live session as an
 * app uses it, the log's reader):
 * <ol type="a">
 * <li>app-visible send: the shared session vs a plain Angus session with one connection per
 * message to the same sink, interleaved in chunks (floor: shared / plain >= 1.5), with the CPU a
 * message costs each side and the ratio this machine's cores allow while delivery keeps pace;</li>
 * <li>the shared session's send while the sink takes 1 s per message, p99 (floor <= 5 ms), beside
 * the plain send's time to that sink;</li>
 * <li>end to end: N messages from 4 app threads until the sink has them all, msg/s (floor >= 300),
 * beside plain Angus over one reused connection;</li>
 * <li>a log of 1,000,000 entries: mailbox page of 50 p95 (floor <= 30 ms) and search p95 (floor
 * <= 250 ms), beside the same 50 entries read by primary key.</li>
 * </ol>
 * Args: messages (default 3000), log entries (default 1,000,000), and optionally "send" (a to c) or
 * "log" (d). {@code -Dbench.logdb=DIR} keeps the seeded log in DIR for the next run;
 * {@code -Dbench.connections=N} sets Default SMTP's Connections (the default setting otherwise).
 */
public final class OutboxBench {
    private static final int CHUNK = 100;
    private static final int APP_THREADS = 4;
    private static final List<String> SUMMARY = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int logEntries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String part = args.length > 2 ? args[2] : "all";
        System.out.printf("Outbox benchmark: %d messages per side, a log of %,d entries; %d CPU(s), load %.1f%n",
                n, logEntries, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Files.createTempDirectory("mail-console-outbox-bench");
        try {
            if (!part.equals("log")) {
                durableCommit(dir.resolve("probe"));
                send(dir.resolve("send"), n);
            }
            if (!part.equals("send") && logEntries > 0) {
                log(dir.resolve("log"), logEntries);
            }
        } finally {
            delete(dir);
        }
        System.out.println();
        System.out.println("SUMMARY (floors of issue 18; each figure beside its baseline of this run)");
        SUMMARY.forEach(System.out::println);
    }

    static void summary(String format, Object... values) {
        String line = String.format(Locale.ROOT, format, values);
        SUMMARY.add(line);
        System.out.println(line);
    }

    static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    static void delete(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- a to c: sends

    /** Context for a to c: one durable commit of a one-row change on this disk, what every queued message pays. */
    static void durableCommit(Path dir) throws Exception {
        try (Database database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")),
                "SA", "", dir.resolve("key")))) {
            double[] millis = times(20, 200, () -> database.inTransaction(connection -> {
                try (Statement update = connection.createStatement()) {
                    return update.executeUpdate("UPDATE email_count SET entries = entries + 1 WHERE state = 'sent'");
                }
            }));
            System.out.printf(Locale.ROOT, "  (context: one durable commit of a one-row UPDATE on this disk (HSQLDB, "
                    + "write delay off): p50 %.2f ms, p99 %.2f ms)%n", pct(millis, 50), pct(millis, 99));
        }
    }

    static void send(Path dir, int n) throws Exception {
        try (SmtpSink sink = new SmtpSink()) {
            SharedEngine core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")),
                    "SA", "", dir.resolve("key")));
            try {
                configure(core, Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(sink.port()),
                        "glide.email.smtp.max_send", "1000000"));
                connections(core, Integer.getInteger("bench.connections", MaxConnections.DEFAULT));
                Session plain = plainSession(sink.port());
                appVisible(core, plain, n);
                cpuCeiling(core, plain, sink);
                slowSink(core, plain, sink);
                endToEnd(core, plain, sink, n);
            } finally {
                core.release();
            }
        }
    }

    static void configure(SharedEngine core, Map<String, String> values) {
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(values), "bench");
    }

    /** Default SMTP's Connections ({@code -Dbench.connections=N}; the default setting otherwise). */
    static void connections(SharedEngine core, int connections) throws InterruptedException {
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.MAX_CONNECTIONS, String.valueOf(connections)).build(), "bench");
        Thread.sleep(1500); // the engine follows the setting within a second
        System.out.printf("  (Default SMTP's Connections: %d)%n", connections);
    }

    static Session plainSession(int port) {
        return ConnectionSessions.session(ConnectionSettings.builder().protocol(Protocol.SMTP).host("127.0.0.1")
                .port(port).security(ConnectionSecurity.NONE).authentication(Authentication.NONE).user("").secret("")
                .connectTimeoutMs(10000).readTimeoutMs(30000).build());
    }

    static MimeMessage message(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bench@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@example.com"));
        message.setSubject(subject);
        message.setText("benchmark message body");
        return message;
    }

    /** a: messages/s as the app sees them, shared vs plain (a connection per message), interleaved in chunks. */
    static void appVisible(SharedEngine core, Session plain, int n) throws Exception {
        for (int round = 0; round < 2; round++) {
            int count = round == 0 ? Math.max(CHUNK, n / 5) : n; // the first round warms up both sides
            long nanosPlain = 0;
            long nanosShared = 0;
            int chunks = (count + CHUNK - 1) / CHUNK;
            for (int chunk = 0; chunk < chunks; chunk++) {
                boolean plainFirst = chunk % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isPlain = (side == 0) == plainFirst;
                    Session session = isPlain ? plain : core.session();
                    long start = System.nanoTime();
                    for (int i = 0; i < CHUNK; i++) {
                        Transport.send(message(session, "visible"));
                    }
                    long took = System.nanoTime() - start;
                    if (isPlain) {
                        nanosPlain += took;
                    } else {
                        nanosShared += took;
                    }
                }
            }
            long drainStart = System.nanoTime();
            waitUntilEmpty(core.log(), 600);
            double drain = (System.nanoTime() - drainStart) / 1e9;
            if (round == 1) {
                int sent = chunks * CHUNK;
                double a = sent / (nanosPlain / 1e9);
                double b = sent / (nanosShared / 1e9);
                System.out.printf(Locale.ROOT, "  (a: %d each, interleaved in chunks of %d after a warm-up of %d each; "
                        + "the Outbox drained %.1f s after the last send)%n", sent, CHUNK, Math.max(CHUNK, n / 5), drain);
                summary("a) app-visible send: shared session %.0f msg/s vs plain Angus (a connection per message) "
                        + "%.0f msg/s: ratio %.2f (floor >= 1.5) %s", b, a, b / a, verdict(b / a >= 1.5));
            }
        }
    }

    static final int CPU_SAMPLE = 500;

    /**
     * Context for a: the CPU (all threads of this process, the sink's included) that a message costs
     * each side, one app thread sending {@link #CPU_SAMPLE} messages. The shared side counts until
     * the message reached the sink: its hand-over, its delivery and its outcome. While delivery keeps
     * pace with the app, the machine's cores cannot deliver faster than they have CPU for, which
     * bounds ratio a from above whatever the engine's code does with its locks and turns.
     */
    static void cpuCeiling(SharedEngine core, Session plain, SmtpSink sink) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < CPU_SAMPLE; i++) {
            Transport.send(message(plain, "cpu plain"));
        }
        double plainWall = (System.nanoTime() - start) / 1e6 / CPU_SAMPLE;
        double plainCpu = (os.getProcessCpuTime() - cpu) / 1e6 / CPU_SAMPLE;
        long before = sink.messages();
        cpu = os.getProcessCpuTime();
        start = System.nanoTime();
        for (int i = 0; i < CPU_SAMPLE; i++) {
            Transport.send(message(core.session(), "cpu shared"));
        }
        waitUntil(sink::messages, before + CPU_SAMPLE, 600);
        waitUntilEmpty(core.log(), 600);
        double sharedWall = (System.nanoTime() - start) / 1e6 / CPU_SAMPLE;
        double sharedCpu = (os.getProcessCpuTime() - cpu) / 1e6 / CPU_SAMPLE;
        int cores = Runtime.getRuntime().availableProcessors();
        summary("a') CPU per message, one app thread: plain Angus %.2f ms (its send %.2f ms); shared session %.2f ms "
                + "until the sink had it (hand-over, delivery, outcome; %.2f ms a message end to end): delivery keeping "
                + "pace with sends at ratio a 1.5 needs %.1f cores busy, and %d core(s) keep pace up to ratio a %.2f",
                plainCpu, plainWall, sharedCpu, sharedWall, sharedCpu / (plainWall / 1.5), cores,
                plainWall / (sharedCpu / cores));
    }

    /** b: the app's send while the sink takes 1 s per message, beside the plain send to that sink. */
    static void slowSink(SharedEngine core, Session plain, SmtpSink sink) throws Exception {
        sink.delayMillis = 1000;
        try {
            double[] plainMillis = new double[3];
            for (int i = 0; i < plainMillis.length; i++) {
                long start = System.nanoTime();
                Transport.send(message(plain, "slow plain"));
                plainMillis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(plainMillis);
            int samples = 500;
            double[] shared = new double[samples];
            List<TimedSend> sends = new ArrayList<>();
            long collectionsAtStart = collections();
            for (int i = 0; i < samples; i++) {
                long collectionsBefore = collections();
                long start = System.nanoTime();
                Transport.send(message(core.session(), "slow shared"));
                shared[i] = (System.nanoTime() - start) / 1e6;
                sends.add(new TimedSend(shared[i], collections() > collectionsBefore));
            }
            long collectionsDuring = collections() - collectionsAtStart;
            Arrays.sort(shared);
            sends.sort(java.util.Comparator.comparingDouble(TimedSend::millis).reversed());
            System.out.printf(Locale.ROOT, "  (b: shared send over %d messages p50 %.2f ms, max %.2f ms; the %d slowest, "
                    + "GC where a collection ran during it: %s; %d collections during b)%n", samples, pct(shared, 50),
                    shared[samples - 1], samples / 100, sends.subList(0, samples / 100), collectionsDuring);
            summary("b) sink taking 1 s per message: shared session send p99 %.2f ms (floor <= 5 ms) vs plain Angus "
                    + "send %.0f ms (median of %d) %s", pct(shared, 99), plainMillis[1], plainMillis.length,
                    verdict(pct(shared, 99) <= 5));
        } finally {
            sink.delayMillis = 0;
        }
        waitUntilEmpty(core.log(), 600);
    }

    static final int END_TO_END_WARM_UP = 1; // part a warmed both sides up already
    static final int END_TO_END_ROUNDS = 3;

    /**
     * c: N messages until the sink has them: 4 app threads through the shared session vs plain over
     * one reused connection; unreported warm-up rounds of each side, then measured rounds (median).
     */
    static void endToEnd(SharedEngine core, Session plain, SmtpSink sink, int n) throws Exception {
        List<Double> plainRates = new ArrayList<>();
        List<Double> sharedRates = new ArrayList<>();
        ExecutorService apps = Executors.newFixedThreadPool(APP_THREADS);
        try {
            for (int round = 1 - END_TO_END_WARM_UP; round <= END_TO_END_ROUNDS; round++) {
                long before = sink.messages();
                long start = System.nanoTime();
                Transport transport = plain.getTransport("smtp");
                transport.connect();
                for (int i = 0; i < n; i++) {
                    MimeMessage m = message(plain, "e2e plain");
                    m.saveChanges();
                    transport.sendMessage(m, m.getAllRecipients());
                }
                transport.close();
                waitUntil(sink::messages, before + n, 600);
                double plainSeconds = (System.nanoTime() - start) / 1e9;

                before = sink.messages();
                start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < APP_THREADS; t++) {
                    int share = n / APP_THREADS + (t < n % APP_THREADS ? 1 : 0);
                    done.add(apps.submit(() -> {
                        for (int i = 0; i < share; i++) {
                            Transport.send(message(core.session(), "e2e shared"));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double appsDone = (System.nanoTime() - start) / 1e9;
                waitUntil(sink::messages, before + n, 600);
                double sharedSeconds = (System.nanoTime() - start) / 1e9;
                // the outcomes may lag the sink by a moment: recorded before plain's next round
                waitUntilEmpty(core.log(), 600);
                System.out.printf(Locale.ROOT, "  (c round %d%s: plain %.2f s = %.0f msg/s; shared %.2f s = %.0f msg/s, "
                                + "the apps done after %.2f s)%n", round, round < 1 ? ", warm-up" : "", plainSeconds,
                        n / plainSeconds, sharedSeconds, n / sharedSeconds, appsDone);
                if (round >= 1) {
                    plainRates.add(n / plainSeconds);
                    sharedRates.add(n / sharedSeconds);
                }
            }
        } finally {
            apps.shutdown();
        }
        double shared = median(sharedRates);
        double plainRate = median(plainRates);
        summary("c) end to end, %d messages from %d app threads until the sink had them all: shared session %.0f msg/s "
                + "vs plain Angus over one reused connection %.0f msg/s (ratio %.2f; medians of %d rounds) "
                + "(floor >= 300 msg/s) %s", n, APP_THREADS, shared, plainRate, shared / plainRate, sharedRates.size(),
                verdict(shared >= 300));
    }

    // ---------------------------------------------------------------- d: the log

    /** d: a log of {@code entries} in an HSQLDB file; mailbox pages and searches through the log's reader. */
    static void log(Path dir, int entries) throws Exception {
        Path home = dir;
        String kept = System.getProperty("bench.logdb");
        if (kept != null) {
            home = Path.of(kept);
        }
        StorageSettings settings = new StorageSettings(StorageSettings.embeddedUrl(home.resolve("db/mc")), "SA", "",
                home.resolve("key"));
        long seedStart = System.nanoTime();
        Path seededMark = home.resolve("seeded");
        boolean seed = !(Files.exists(seededMark) && Files.readString(seededMark).equals(String.valueOf(entries)));
        if (seed) {
            try (Database database = Database.open(settings)) {
                seed(database, entries);
            }
            Files.writeString(seededMark, String.valueOf(entries));
        }
        double seeded = (System.nanoTime() - seedStart) / 1e9;
        try (Database database = Database.open(settings)) {
            EmailLogReader log = new EmailLogReader(database);
            Random random = new Random(7);
            List<EmailState> boxes = Arrays.asList(null, EmailState.SENT, EmailState.SEND_FAILED,
                    EmailState.SEND_IGNORED, EmailState.SEND_READY);
            for (int i = 0; i < 20; i++) { // warm-up
                log.list(boxes.get(i % boxes.size()), null, random.nextInt(20), 50);
            }
            double[] pages = new double[200];
            for (int i = 0; i < pages.length; i++) {
                EmailState box = boxes.get(i % boxes.size());
                int page = i % 4 == 0 ? 0 : random.nextInt(20);
                long start = System.nanoTime();
                log.list(box, null, page, 50);
                pages[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(pages);
            // the baseline: 50 entries (the same columns) read by a primary key range, a plain JDBC query
            long maxId = database.read(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(id) FROM email_entry")) {
                    r.next();
                    return r.getLong(1);
                }
            });
            double[] byKey = new double[200];
            for (int i = -20; i < byKey.length; i++) {
                long last = maxId - 50L * (i < 0 || i % 4 == 0 ? 0 : random.nextInt(20));
                long start = System.nanoTime();
                int rows = database.read(c -> {
                    try (PreparedStatement q = c.prepareStatement("SELECT * FROM email_entry WHERE id > ? AND id <= ? "
                            + "ORDER BY id DESC")) {
                        q.setLong(1, last - 50);
                        q.setLong(2, last);
                        int count = 0;
                        try (ResultSet r = q.executeQuery()) {
                            while (r.next()) {
                                r.getString("subject");
                                r.getString("recipients");
                                count++;
                            }
                        }
                        return count;
                    }
                });
                if (i >= 0) {
                    byKey[i] = (System.nanoTime() - start) / 1e6;
                }
                if (rows != 50) {
                    throw new IllegalStateException("baseline read " + rows + " rows");
                }
            }
            Arrays.sort(byKey);
            System.out.printf(Locale.ROOT, "  (d: log of %,d entries, %s in %.0f s; pages 0..19 of all/sent/failed/"
                            + "skipped/outbox, %d samples: p50 %.1f ms; baseline p50 %.1f ms)%n", entries,
                    seed ? "seeded" : "reused", seeded, pages.length, pct(pages, 50), pct(byKey, 50));
            summary("d) log of %,d entries: mailbox page of 50 (with its total) p95 %.1f ms (floor <= 30 ms) vs the "
                    + "same 50 entries read by primary key p95 %.1f ms %s", entries, pct(pages, 95), pct(byKey, 95),
                    verdict(pct(pages, 95) <= 30));
            String[] queries = {"user12345@", "customer42.example", "invoice 77", "billing@", "password reset",
                "user4@customer4.example", "nothing-matches-this", "parcel 4242"};
            log.list(null, queries[0], 0, 50);
            double[] searches = new double[queries.length * 4];
            StringBuilder totals = new StringBuilder();
            for (int i = 0; i < searches.length; i++) {
                String q = queries[i % queries.length];
                long start = System.nanoTime();
                EmailPage found = log.list(i % 2 == 0 ? null : EmailState.SENT, q, 0, 50);
                searches[i] = (System.nanoTime() - start) / 1e6;
                if (i < queries.length) {
                    totals.append(q).append('=').append(found.total()).append(found.totalCapped() ? "+" : "").append(' ');
                }
            }
            Arrays.sort(searches);
            System.out.printf(Locale.ROOT, "  (d: search, first page of 50 and the total (capped at %,d), %d samples, "
                            + "all and Sent: %s; p50 %.0f ms)%n", EmailLogReader.SEARCH_COUNT_CAP, searches.length,
                    totals.toString().trim(), pct(searches, 50));
            summary("d) log of %,d entries: search p95 %.0f ms (floor <= 250 ms) vs the same 50 entries read by primary "
                    + "key p95 %.1f ms %s", entries, pct(searches, 95), pct(byKey, 95), verdict(pct(searches, 95) <= 250));
            StoredOutboxFacts facts = new StoredOutboxFacts(log, new EmailLogFacts(database), () -> true, Optional::empty,
                    Clock.systemUTC());
            double[] diagnostics = times(5, 40, () -> {
                facts.sender();
                facts.outbox();
                facts.counts();
                facts.healthChecks();
            });
            System.out.printf(Locale.ROOT, "  (d: Email Diagnostics' Outbox facts and health checks on that log, "
                    + "%d samples: p50 %.1f ms, p95 %.1f ms; no floor)%n", diagnostics.length, pct(diagnostics, 50),
                    pct(diagnostics, 95));
        }
    }

    /** {@code samples} timings in ms of {@code work}, sorted, after {@code warmUp} runs. */
    static double[] times(int warmUp, int samples, Runnable work) {
        for (int i = 0; i < warmUp; i++) {
            work.run();
        }
        double[] times = new double[samples];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times;
    }

    /**
     * Writes {@code entries} log rows straight into the tables in one connection, in batches with
     * ids given (a fixture, as the Outbox would have written them: the entry, its search terms, the
     * per-state and per-minute counts; the few Outbox entries are due in a year, and have no MIME,
     * since nothing sends from this log).
     */
    static void seed(Database database, int entries) throws Exception {
        String[] senders = {"billing@shop.example", "noreply@shop.example", "support@shop.example",
            "alerts@ops.example", "hr@corp.example"};
        String[] subjects = {"Invoice %d for your order", "Password reset requested", "Welcome to the shop, user %d",
            "Your parcel %d has shipped", "Weekly report %d"};
        Instant base = Instant.now().minusSeconds(entries);
        Timestamp dueLater = Timestamp.from(Instant.now().plusSeconds(86_400L * 365));
        long[] perState = new long[EmailState.values().length];
        long t0 = System.nanoTime();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO email_entry (id, created_at, "
                    + "updated_at, state, message_id, from_address, subject, size_bytes, recipients, actual_recipients, "
                    + "account_id, account_name, source, reply_code, reply, attempts, next_attempt_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'Default SMTP', '/shop', ?, ?, ?, ?)");
                 PreparedStatement term = connection.prepareStatement(
                         "INSERT INTO email_term (term, entry_id) VALUES (?, ?)")) {
                for (int i = 0; i < entries; i++) {
                    long id = i + 1;
                    int roll = i % 100;
                    EmailState state = roll < 93 ? EmailState.SENT : roll < 96 ? EmailState.SEND_FAILED
                            : roll < 99 ? EmailState.SEND_IGNORED : EmailState.SEND_READY;
                    perState[state.ordinal()]++;
                    String from = senders[i % senders.length];
                    String subject = String.format(Locale.ROOT, subjects[(i / 7) % subjects.length], i % 100_000);
                    String to = "user" + (i % 50_000) + "@customer" + (i % 100) + ".example";
                    Timestamp at = Timestamp.from(base.plusSeconds(i));
                    insert.setLong(1, id);
                    insert.setTimestamp(2, at);
                    insert.setTimestamp(3, at);
                    insert.setString(4, state.apiName());
                    insert.setString(5, "<" + i + ".bench@shop.example>");
                    insert.setString(6, from);
                    insert.setString(7, subject);
                    insert.setLong(8, 2000 + i % 5000);
                    insert.setString(9, to);
                    insert.setString(10, to);
                    insert.setObject(11, state == EmailState.SEND_IGNORED ? null : state == EmailState.SEND_FAILED
                            ? 550 : 250, java.sql.Types.INTEGER);
                    insert.setString(12, state == EmailState.SEND_FAILED ? "550 5.1.1 no such user" : "250 2.0.0 OK");
                    insert.setInt(13, state == EmailState.SEND_IGNORED ? 0 : 1);
                    insert.setTimestamp(14, state == EmailState.SEND_READY ? dueLater : null);
                    insert.addBatch();
                    for (String t : SearchTerms.of(from, subject, List.of(to), List.of())) {
                        term.setString(1, t);
                        term.setLong(2, id);
                        term.addBatch();
                    }
                    if (i % 5000 == 4999 || i == entries - 1) {
                        insert.executeBatch();
                        term.executeBatch();
                        connection.commit();
                    }
                    if (i % 200_000 == 199_999) {
                        System.out.printf(Locale.ROOT, "  (seeding: %,d entries after %.0f s)%n", i + 1,
                                (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            try (Statement restart = connection.createStatement()) {
                restart.execute("ALTER TABLE email_entry ALTER COLUMN id RESTART WITH " + (entries + 1));
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE email_count SET entries = ? WHERE state = ?")) {
                for (EmailState state : EmailState.values()) {
                    update.setLong(1, perState[state.ordinal()]);
                    update.setString(2, state.apiName());
                    update.executeUpdate();
                }
            }
            // the per-minute counts the queue keeps with each change, for the fixture's entries (as V10 does)
            try (Statement minutes = connection.createStatement()) {
                minutes.executeUpdate("INSERT INTO email_count_minute (state, minute, entries) SELECT state, "
                        + "TRUNC(updated_at, 'MI'), COUNT(*) FROM email_entry WHERE state IN ('sent', 'send-failed', "
                        + "'send-ignored') AND updated_at >= LOCALTIMESTAMP - INTERVAL '2' DAY GROUP BY state, "
                        + "TRUNC(updated_at, 'MI')");
            }
            connection.commit();
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
        }
    }

    /** One send of b): how long it took, and whether a garbage collection ran meanwhile. */
    record TimedSend(double millis, boolean collected) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f%s", millis, collected ? " GC" : "");
        }
    }

    /** Garbage collections in this JVM so far, every collector: a send that saw this move waited for a pause. */
    static long collections() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    static double pct(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static void waitUntilEmpty(EmailLogReader log, int seconds) throws InterruptedException {
        waitUntil(() -> -log.counts().get(EmailState.SEND_READY), 0, seconds);
    }

    /** Waits until {@code value} reaches at least {@code target}. */
    static void waitUntil(LongSupplier value, long target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (value.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + seconds + " s: " + value.getAsLong() + " < " + target);
            }
            Thread.sleep(10);
        }
    }
}
