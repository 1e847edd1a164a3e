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
import java.util.List;
import java.util.Map;
import org.mailconsole.mail.ConnectionSettings;
import org.mailconsole.mail.MailSessionFactory;
import org.mailconsole.mail.MailSessions;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;

/**
 * Benchmark (not a test): messages/s through (a) a plain Angus session with the same settings as
 * static properties and (b) the shared live session, to an SMTP sink of its own on loopback; one
 * connection per message (Transport.send) and one reused connection; then the time from a PATCH of
 * the console's API to the first send that uses the new setting. Needs target/mail-console.war.
 *
 * <pre>
 * mvn -q package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.mailconsole.bench.SharedSessionBench [messages]
 * </pre>
 */
public final class SharedSessionBench {
    private static final int ROUNDS = 5;

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
            Session plain = MailSessions.session(new ConnectionSettings(Protocol.SMTP, "127.0.0.1", sink.port(),
                    ConnectionSecurity.NONE, Authentication.NONE, "", "", 10000, 30000, List.of()));

            System.out.printf("messages per run: %d, rounds: %d (best of; a and b alternate)%n", n, ROUNDS);
            for (boolean reuse : new boolean[] {false, true}) {
                run(plain, reuse, n / 4); // warm-up
                run(shared, reuse, n / 4);
                double[] a = new double[ROUNDS];
                double[] b = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    a[round] = run(plain, reuse, n);
                    b[round] = run(shared, reuse, n);
                }
                double bestA = Arrays.stream(a).max().orElseThrow();
                double bestB = Arrays.stream(b).max().orElseThrow();
                System.out.printf("%-28s a) plain Angus %8.0f msg/s   b) shared session %8.0f msg/s   b/a = %.3f%n",
                        reuse ? "reused connection:" : "one connection per message:", bestA, bestB, bestB / bestA);
            }

            // configuration change to first send that uses it
            long[] latencies = new long[5];
            for (int i = 0; i < latencies.length; i++) {
                SmtpSink target = i % 2 == 0 ? sink2 : sink;
                long before = target.messages();
                long start = System.nanoTime();
                patch(admin, Map.of("glide.smtp.port", String.valueOf(target.port())));
                while (target.messages() == before) {
                    Transport.send(message(shared));
                }
                latencies[i] = System.nanoTime() - start;
            }
            System.out.printf("PATCH to first send through the new setting: %s ms (each includes the PATCH round trip)%n",
                    Arrays.toString(Arrays.stream(latencies).mapToObj(t -> String.format("%.1f", t / 1e6)).toArray()));
            System.out.printf("sink received %d + %d messages%n", sink.messages(), sink2.messages());
        }
    }

    private static double run(Session session, boolean reuse, int n) throws MessagingException {
        long start = System.nanoTime();
        if (reuse) {
            Transport transport = session.getTransport("smtp");
            transport.connect();
            for (int i = 0; i < n; i++) {
                MimeMessage message = message(session);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
            transport.close();
        } else {
            for (int i = 0; i < n; i++) {
                Transport.send(message(session));
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
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
