package org.mailconsole.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.ConnectionSessions;
import org.mailconsole.mail.MailSessionFactory;

/**
 * Benchmark (not a test): messages/s through (a) a plain Angus session with the same settings as
 * static properties and (b) the shared live session (since the Outbox: the app-visible send, which
 * returns once the message is queued), to an SMTP sink of its own on loopback; one
 * connection per message (Transport.send) and one reused connection; then the time from a PATCH of
 * the console's API to the first send that uses the new setting. Needs target/mail-console.war.
 *
 * <pre>
 * mvn -q package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.mailconsole.bench.SharedSessionBench [messages]
 * </pre>
 */
public final class SharedSessionBench {
    private static final int CHUNK = 100;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("mail-console-bench");
        try (SmtpSink sink = new SmtpSink(); SmtpSink sink2 = new SmtpSink();
             ConsoleServer console = new ConsoleServer(dir).start()) {
            ConsoleClient admin = console.admin();
            patch(admin, Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(sink.port()),
                    "glide.email.smtp.max_send", String.valueOf(Integer.MAX_VALUE)));
            // the same database as the console: in one JVM, the console's own live session
            Session shared = MailSessionFactory.session(Map.of(
                    "mailconsole.db.path", dir.resolve("db/mailconsole").toString(),
                    "mailconsole.key.file", dir.resolve("mail-console.key").toString()));
            ConnectionSettings toSink = ConnectionSettings.builder().protocol(Protocol.SMTP).host("127.0.0.1")
                    .port(sink.port()).security(ConnectionSecurity.NONE).authentication(Authentication.NONE).user("")
                    .secret("").connectTimeoutMs(10000).readTimeoutMs(30000).build();
            Session plain = ConnectionSessions.session(toSink);

            System.out.printf("%d messages per side and mode, sent in interleaved chunks of %d "
                    + "(a then b, b then a, ...) so that drift and noise hit both alike%n", n, CHUNK);
            Session plain2 = ConnectionSessions.session(toSink);
            for (boolean reuse : new boolean[] {false, true}) {
                String mode = reuse ? "reused connection:" : "one connection per message:";
                measure(plain, shared, reuse, n / 5); // warm-up
                double[] rates = measure(plain, shared, reuse, n);
                System.out.printf("%-28s a) plain Angus %8.0f msg/s   b) shared session %8.0f msg/s   b/a = %.3f%n",
                        mode, rates[0], rates[1], rates[1] / rates[0]);
                // control: a against itself shows how much of a difference this machine's noise makes
                double[] control = measure(plain, plain2, reuse, n);
                System.out.printf("%-28s control a/a' (two plain sessions) = %.3f%n", "", control[1] / control[0]);
            }

            // configuration change to first send that uses it
            double[] patchMs = new double[5];
            double[] firstSendMs = new double[5];
            int staleSends = 0;
            for (int i = 0; i < patchMs.length; i++) {
                SmtpSink target = i % 2 == 0 ? sink2 : sink;
                long before = target.messages();
                long start = System.nanoTime();
                patch(admin, Map.of("glide.smtp.port", String.valueOf(target.port())));
                patchMs[i] = (System.nanoTime() - start) / 1e6;
                Transport.send(message(shared));
                // the send returns once the message is in the Outbox: wait (bounded) for the sender's delivery
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (target.messages() == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                firstSendMs[i] = (System.nanoTime() - start) / 1e6;
                if (target.messages() == before) {
                    staleSends++;
                }
            }
            System.out.printf("config change: PATCH answered after %s ms; first send through the new setting "
                    + "done %s ms after the PATCH began; sends after the PATCH answered that still used the old "
                    + "setting: %d of %d%n", format(patchMs), format(firstSendMs), staleSends, patchMs.length);
            System.out.printf("sink received %d + %d messages%n", sink.messages(), sink2.messages());
        }
    }

    /** Messages per second of a and of b, each sending n messages in interleaved chunks. */
    private static double[] measure(Session a, Session b, boolean reuse, int n) throws MessagingException {
        Transport ta = reuse ? connected(a) : null;
        Transport tb = reuse ? connected(b) : null;
        long nanosA = 0;
        long nanosB = 0;
        for (int chunk = 0; chunk * CHUNK < n; chunk++) {
            if (chunk % 2 == 0) {
                nanosA += chunk(a, ta);
                nanosB += chunk(b, tb);
            } else {
                nanosB += chunk(b, tb);
                nanosA += chunk(a, ta);
            }
        }
        if (reuse) {
            ta.close();
            tb.close();
        }
        int sent = ((n + CHUNK - 1) / CHUNK) * CHUNK;
        return new double[] {sent / (nanosA / 1e9), sent / (nanosB / 1e9)};
    }

    private static Transport connected(Session session) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect();
        return transport;
    }

    /** Sends CHUNK messages: on the connected transport, or each with Transport.send (a connection each). */
    private static long chunk(Session session, Transport transport) throws MessagingException {
        long start = System.nanoTime();
        for (int i = 0; i < CHUNK; i++) {
            MimeMessage message = message(session);
            if (transport == null) {
                Transport.send(message);
            } else {
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return System.nanoTime() - start;
    }

    private static String format(double[] millis) {
        return Arrays.toString(Arrays.stream(millis).mapToObj(t -> String.format("%.1f", t)).toArray());
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bench@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@example.com"));
        message.setSubject("bench");
        message.setText("benchmark message body");
        return message;
    }

    private static void patch(ConsoleClient admin, Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PATCH gave " + response.statusCode() + ": " + response.body());
        }
    }
}
