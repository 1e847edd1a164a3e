package org.mailconsole.mail.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.PrometheusText;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * The shipped Grafana dashboard and Prometheus rules use only metric names the core serves: a real
 * engine is made to produce every series they name (a message sent, a throttle pause, rate limits),
 * and each {@code mailconsole_} name in the two files must be among the scrape's samples.
 */
class ShippedMetricsFilesTest {
    static final Path DASHBOARD = Path.of("conf/grafana/mail-console.json");
    static final Path RULES = Path.of("conf/prometheus/mail-console-rules.yml");
    static final Pattern NAME = Pattern.compile("\\bmailconsole_[a-z_]+\\b");

    @TempDir
    Path dir;

    static Set<String> namesIn(Path file) throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    @Test
    void everyNameTheFilesUseIsServed() throws Exception {
        new ObjectMapper().readTree(DASHBOARD.toFile()); // the dashboard is JSON
        Set<String> used = new TreeSet<>(namesIn(DASHBOARD));
        used.addAll(namesIn(RULES));
        assertTrue(used.size() >= 8, "the files name the metrics: " + used);

        Set<String> served = servedAfterEverySeriesExists();
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(served);
        assertEquals(Set.of(), missing, "named in the shipped files but not served; served: " + served);
    }

    /** The sample names of a scrape after a send, a throttle pause and rate limits on the account in effect. */
    Set<String> servedAfterEverySeriesExists() throws Exception {
        SharedEngine core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")),
                "SA", "", dir.resolve("key")));
        try (ScriptedSmtp relay = ScriptedSmtp.start()) {
            PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                    Clock.systemUTC());
            properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                    "glide.smtp.port", String.valueOf(relay.port()))), "test");
            AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
            EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst()
                    .orElseThrow();
            accounts.update(smtp.id(), smtp.version(), AccountInput.builder().set(AccountField.MESSAGES_PER_MINUTE, "1000")
                    .set(AccountField.RECIPIENTS_PER_DAY, "100000").build(), "test");
            send(core, "sent");
            await(() -> PrometheusText.parse(core.metrics().scrape()).has("mailconsole_messages_total",
                    Map.of("outcome", "sent")));
            relay.dataReply = "450 4.7.1 slow down";
            send(core, "throttled");
            await(() -> PrometheusText.parse(core.metrics().scrape()).has("mailconsole_throttle_pauses_total", Map.of()));
            // the gauges read the Outbox at most once a second: their rows follow the limits set above within that
            await(() -> PrometheusText.parse(core.metrics().scrape()).has("mailconsole_rate_limit_usage_ratio",
                    Map.of("limit", "day")));
            return PrometheusText.parse(core.metrics().scrape()).names();
        } finally {
            core.release();
        }
    }

    static void send(SharedEngine core, String subject) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }

    static void await(BooleanSupplier done) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(done::getAsBoolean);
    }
}
