package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.JdbcOutboxQueue;
import org.mailconsole.store.emaillog.Lease;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SentEntries;

/**
 * The engine over real time, as apps and admins use it together: the shared engine on a real
 * HSQLDB file and a scripted SMTP server. Each scenario runs for tens of seconds.
 */
class OutboxEngineTest {
    @TempDir
    Path dir;
    ScriptedSmtp smtp;
    SharedEngine core;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtp.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                "glide.smtp.port", String.valueOf(smtp.port()), "glide.smtp.connection_timeout", "2000",
                "glide.smtp.timeout", "60000")), "test");
    }

    @AfterEach
    void stop() throws Exception {
        core.release();
        smtp.close();
    }

    long send(String subject, String to) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("hello");
        Transport transport = core.session().getTransport("smtp");
        transport.connect();
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        transport.close();
        return SentEntries.idOf(core.database(), message);
    }

    @Test
    void appsSendWhileAnAdminSearchesTheLogForThirtySecondsWithoutAnError() throws Exception {
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger searches = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            all.add(pool.submit(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    try {
                        send("order " + thread + "-" + i++, "buyer" + (i % 50) + "@customer.example");
                        sends.incrementAndGet();
                    } catch (Exception | AssertionError e) {
                        errors.add(e);
                    }
                }
            }));
        }
        String[] queries = {"order", "buyer1", "customer.example", "shop", "order 2-1", "nobody"};
        for (int t = 0; t < 2; t++) {
            Random random = new Random(t);
            all.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        core.log().list(random.nextBoolean() ? null : EmailState.SENT,
                                queries[random.nextInt(queries.length)], random.nextInt(3), 50);
                        core.log().counts();
                        searches.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertTrue(errors.isEmpty(), errors.size() + " error(s), the first: " + errors.peek());
        assertTrue(sends.get() > 100 && searches.get() > 100, sends + " sends, " + searches + " searches");
        Awaitility.await("every message delivered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> core.log().counts().get(EmailState.SENT) >= sends.get());
        assertEquals(sends.get(), core.log().counts().get(EmailState.SENT), "every message delivered");
        assertEquals(sends.get(), smtp.received().size(), "each once");
    }

    @Test
    void aDeliverySlowerThanTheLeaseKeepsItsMessageAndItIsSentOnce() throws Exception {
        smtp.dataDelayMillis = 45_000; // the relay waits 45 s before its final reply; the lease is 30 s
        long id = send("slow relay", "to@example.com");
        Awaitility.await("the worker leased it and sent it; the relay holds its reply").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> smtp.dataCommands() > 0);
        assertEquals(1, smtp.dataCommands(), "the worker leased it and sent it; the relay holds its reply");
        // from then on another node polls the same Outbox, every half second, until the message has left
        // the Outbox: it must never be able to lease the message
        JdbcOutboxQueue otherNode = new JdbcOutboxQueue(core.database(), Clock.systemUTC(), Duration.ofSeconds(30));
        List<Lease> takenOver = new CopyOnWriteArrayList<>();
        EmailEntry entry = Awaitility.await("the message left the Outbox").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    takenOver.addAll(otherNode.lease("node-b", 10, null).leases());
                    return core.log().find(id).orElseThrow();
                }, e -> e.state() != EmailState.SEND_READY);
        assertEquals(List.of(), takenOver, "the renewed lease was never free for another node");
        assertEquals(EmailState.SENT, entry.state(), "delivered: " + entry);
        assertEquals(1, entry.attempts());
        assertEquals(1, smtp.received().size(), "sent once");
    }
}
