package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.emaillog.TestLog;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SendUntilKilled;

/**
 * kill -9 while the sender is delivering, on the embedded database, with outcomes recorded while the
 * next message goes out: after a restart every message is delivered, and at most the ones in flight
 * (one per connection, whose outcome was not yet committed) twice. The SMTP server answers each final dot after 20 ms, so the
 * kill lands mid-delivery.
 */
class OutboxSenderKillIT {
    private static final int COUNT = 150;
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (m-\\d+)\\r?$");

    @TempDir
    Path dir;

    @Test
    void afterAKillMidDeliveryEveryMessageArrivesAndAtMostTheOnesInFlightTwice() throws Exception {
        try (ScriptedSmtp smtp = ScriptedSmtp.start()) {
            smtp.dataDelayMillis = 20;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    SendUntilKilled.class.getName(), dir.toString(), String.valueOf(smtp.port()),
                    String.valueOf(COUNT))).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line = out.readLine();
                while (line != null && !line.equals("QUEUED")) {
                    line = out.readLine();
                }
                assertEquals("QUEUED", line, "the child handed over every message");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (smtp.received().size() < 40 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                child.destroyForcibly(); // SIGKILL while the sender is delivering
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            int beforeRestart = smtp.received().size();
            assertTrue(beforeRestart >= 40 && beforeRestart < COUNT, "killed mid-delivery: " + beforeRestart);
            smtp.dataDelayMillis = 0;

            SharedEngine core = SharedEngine.acquire(SendUntilKilled.settings(dir));
            try {
                TestLog log = new TestLog(core.database());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (log.counts().getOrDefault(EmailState.SEND_READY, 0L) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(0L, log.counts().getOrDefault(EmailState.SEND_READY, 0L), "the Outbox drained");
                assertEquals((long) COUNT, log.counts().get(EmailState.SENT));
            } finally {
                core.release();
            }
            Map<String, Long> times = smtp.received().stream().map(r -> subject(r.data()))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            for (int i = 0; i < COUNT; i++) {
                assertTrue(times.containsKey("m-" + i), "m-" + i + " was delivered");
            }
            long twice = times.values().stream().filter(n -> n > 1).count();
            assertTrue(twice <= MaxConnections.DEFAULT && times.values().stream().allMatch(n -> n <= 2),
                    "at most one message per connection twice: " + times.entrySet().stream().filter(e -> e.getValue() > 1).toList());
            assertEquals(COUNT + twice, smtp.received().size());
        }
    }

    private static String subject(String data) {
        Matcher m = SUBJECT.matcher(data);
        if (!m.find()) {
            throw new AssertionError("no subject in " + data);
        }
        return m.group(1);
    }
}
