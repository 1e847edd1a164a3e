package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.emaillog.TestLog;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SendFromThreadsUntilKilled;

/**
 * kill -9 while four app threads hand messages over and the engine delivers them, on the embedded
 * database: every message whose {@code Transport.send} returned is delivered after a restart (a
 * message acknowledged is on disk), and at most the ones in flight (one per connection, whose
 * outcome was not yet committed) twice. The relay answers each final dot after 50 ms, so a backlog
 * waits in the Outbox and the kill lands mid-delivery.
 */
class HandOverKillIT {
    private static final int ACKNOWLEDGED = 400;
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (t\\d+-\\d+)\\r?$");

    @TempDir
    Path dir;

    @Test
    void everySendThatReturnedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        try (ScriptedSmtp smtp = ScriptedSmtp.start()) {
            smtp.dataDelayMillis = 50;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    SendFromThreadsUntilKilled.class.getName(), dir.toString(), String.valueOf(smtp.port())))
                    .redirectErrorStream(true).start();
            Set<String> acknowledged = new HashSet<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                for (String line = out.readLine(); line != null && acknowledged.size() < ACKNOWLEDGED;
                     line = out.readLine()) {
                    assertFalse(line.startsWith("FAILED"), "an app's send failed: " + line);
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                    }
                }
                child.destroyForcibly(); // SIGKILL while the apps still send and the engine delivers
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(ACKNOWLEDGED, acknowledged.size(), "the child's apps had that many sends return");
            int beforeRestart = smtp.received().size();
            assertTrue(beforeRestart > 0 && beforeRestart < ACKNOWLEDGED, "killed mid-delivery, with a backlog: "
                    + beforeRestart + " delivered");
            smtp.dataDelayMillis = 0;

            SharedEngine core = SharedEngine.acquire(SendFromThreadsUntilKilled.settings(dir));
            try {
                TestLog log = new TestLog(core.database());
                Awaitility.await("the Outbox drained after the restart").atMost(Duration.ofSeconds(60))
                        .until(() -> log.counts().getOrDefault(EmailState.SEND_READY, 0L) == 0);
                assertEquals(0L, log.counts().getOrDefault(EmailState.SEND_FAILED, 0L));
            } finally {
                core.release();
            }
            Map<String, Long> times = smtp.received().stream().map(r -> subject(r.data()))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            for (String subject : acknowledged) {
                assertTrue(times.containsKey(subject), subject + " was acknowledged to its app, so it is delivered");
            }
            long twice = times.values().stream().filter(n -> n > 1).count();
            assertTrue(twice <= MaxConnections.DEFAULT && times.values().stream().allMatch(n -> n <= 2),
                    "at most one message per connection twice: " + times.entrySet().stream()
                            .filter(e -> e.getValue() > 1).toList());
            assertEquals(times.size() + twice, smtp.received().size());
            System.out.printf("HandOverKillIT: %d delivered before the kill, %d in all, %d twice%n", beforeRestart,
                    smtp.received().size(), twice);
        }
    }

    private static String subject(String data) {
        Matcher m = SUBJECT.matcher(data);
        if (!m.find()) {
            throw new AssertionError("no subject in the message the relay took");
        }
        return m.group(1);
    }
}
