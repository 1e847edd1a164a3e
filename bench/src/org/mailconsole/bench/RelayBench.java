package org.mailconsole.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;

/**
 * Issue 20: N messages handed over by T app threads (each a Transport.send, as an app does) until
 * the last one reached a relay that takes a set time per message, through (a) a local Postfix
 * from Debian's package with its defaults (the relay-in-front a Tomcat admin would otherwise use)
 * and (b) the console's shared session with Connections C. Both sides in one run, per relay delay;
 * the ratio is Postfix's time over ours (>= 1.0: at least as fast as Postfix). Each side first
 * runs warm-up rounds of the same size for at least {@link #WARM_UP} (a JVM that has just started
 * keeps its JIT compiler busy for about that long here, which a container that has run for a while
 * has done: JFR, docs/benchmarks.md), then {@link #ROUNDS} measured rounds; the ratio is of their
 * medians, and the first warm-up round of each side (the cold figure) is printed beside it.
 *
 * Needs root: it rewrites Postfix's main.cf and master.cf and starts or reloads Postfix.
 */
public final class RelayBench {
    static final int POSTFIX_PORT = 2526;
    static final int ROUNDS = 3;
    /** How long each side warms up (-Dbench.warmup.seconds); at least one round. */
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 20));

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long[] delays = {50, 200};
        System.out.printf("%d messages from %d threads; Mail Console with Connections %d; Postfix %s with its "
                + "defaults%n", messages, threads, connections, postfixVersion());
        List<String> lines = new ArrayList<>();
        for (long delay : delays) {
            double[] postfix;
            double[] ours;
            try (SmtpSink sink = new SmtpSink()) {
                sink.delayMillis = delay;
                startPostfix(sink.port());
                postfix = rounds("Postfix", plainSession(POSTFIX_PORT), sink, messages, threads);
            }
            Path dir = Files.createTempDirectory("relay-bench");
            try (SmtpSink sink = new SmtpSink()) {
                sink.delayMillis = delay;
                SharedEngine core = SharedEngine.acquire(new StorageSettings(
                        StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve("key")));
                try {
                    configure(core, sink.port(), connections);
                    ours = rounds("Mail Console", core.session(), sink, messages, threads);
                } finally {
                    core.release();
                }
            }
            String line = String.format("relay %d ms per message: Postfix %.2f s, Mail Console %.2f s (medians of %d "
                    + "rounds), ratio (Postfix / Mail Console) %.2f; first warm-up rounds (cold): Postfix %.2f s, Mail Console %.2f s",
                    delay, postfix[1], ours[1], ROUNDS, postfix[1] / ours[1], postfix[0], ours[0]);
            System.out.println(line);
            lines.add(line);
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** The first warm-up round's seconds and the median of {@link #ROUNDS} measured rounds after the warm-up. */
    static double[] rounds(String side, Session session, SmtpSink sink, int n, int threads) throws Exception {
        long warmUntil = System.nanoTime() + WARM_UP.toNanos();
        double warmUp = run(side + " warm-up", session, sink, n, threads);
        while (System.nanoTime() < warmUntil) {
            run(side + " warm-up", session, sink, n, threads);
        }
        double[] measured = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            measured[i] = run(side + " round " + (i + 1), session, sink, n, threads);
        }
        Arrays.sort(measured);
        return new double[] {warmUp, measured[ROUNDS / 2]};
    }

    /** Seconds from the first hand-over until the sink has all {@code n} messages. */
    static double run(String side, Session session, SmtpSink sink, int n, int threads) throws Exception {
        long before = sink.messages();
        ExecutorService apps = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = side + " " + i;
            sends.add(apps.submit(() -> {
                Transport.send(message(session, subject));
                return null;
            }));
        }
        for (Future<?> f : sends) {
            f.get();
        }
        double handedOver = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (sink.messages() - before < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(side + ": only " + (sink.messages() - before) + " of " + n
                        + " reached the relay within 10 minutes");
            }
            Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        apps.shutdown();
        System.out.printf("  %-22s %d messages: handed over after %.2f s, the last reached the relay after %.2f s%n",
                side, n, handedOver, seconds);
        return seconds;
    }

    static void configure(SharedEngine core, int port, int connections) {
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                "glide.smtp.port", String.valueOf(port), "glide.smtp.auth", "false")), "bench");
        AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst()
                .orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.MAX_CONNECTIONS, String.valueOf(connections)).build(), "bench");
    }

    static Session plainSession(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        return Session.getInstance(p);
    }

    static MimeMessage message(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bench@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@example.net"));
        message.setSubject(subject);
        message.setText("benchmark message body");
        return message;
    }

    /**
     * Postfix relaying everything it receives on 127.0.0.1:{@link #POSTFIX_PORT} to the sink, all
     * else left at its defaults (20 connections per destination); its log under /var/log.
     */
    static void startPostfix(int sinkPort) throws Exception {
        sh("postconf", "-e", "relayhost=[127.0.0.1]:" + sinkPort, "inet_interfaces=loopback-only",
                "inet_protocols=ipv4", "mydestination=", "mynetworks=127.0.0.0/8", "myhostname=bench.localdomain",
                "smtp_tls_security_level=none", "smtpd_tls_security_level=none", "maillog_file=/var/log/postfix-bench.log",
                "compatibility_level=3.6", "alias_maps=", "alias_database=");
        Path master = Path.of("/etc/postfix/master.cf");
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(master)) {
            if (!line.startsWith("127.0.0.1:" + POSTFIX_PORT + " ")) {
                kept.add(line);
            }
        }
        kept.add("127.0.0.1:" + POSTFIX_PORT + " inet n - n - - smtpd");
        Files.write(master, kept);
        if (sh("postfix", "status") == 0) {
            sh("postfix", "reload");
        } else {
            sh("postfix", "start");
        }
        sh("postqueue", "-f");
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), POSTFIX_PORT)) {
                Thread.sleep(1000); // reload: the new relayhost is read by the next queue manager round
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Postfix does not listen on 127.0.0.1:" + POSTFIX_PORT);
    }

    static String postfixVersion() throws Exception {
        Process p = new ProcessBuilder("postconf", "-h", "mail_version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    static int sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor();
    }
}
