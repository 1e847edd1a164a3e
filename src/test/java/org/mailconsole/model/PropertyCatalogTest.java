package org.mailconsole.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PropertyCatalogTest {

    @Test
    void holdsEveryPropertyOfTheEmailModelWithItsDefault() {
        assertEquals(26, PropertyCatalog.all().size());
        assertEquals("421,454,4.3.2,4.5.3,4.7.0,4.7.1", PropertyCatalog.get("glide.smtp.throttle_codes").defaultValue());
        assertEquals("25", PropertyCatalog.get("glide.smtp.port").defaultValue());
        assertEquals("none", PropertyCatalog.get("glide.smtp.encryption").defaultValue());
        assertEquals("10000", PropertyCatalog.get("glide.smtp.connection_timeout").defaultValue());
        assertEquals("30000", PropertyCatalog.get("glide.smtp.timeout").defaultValue());
        assertEquals("true", PropertyCatalog.get("glide.email.smtp.active").defaultValue());
        assertEquals("421,450,451,452", PropertyCatalog.get("glide.smtp.defer_retry_ids").defaultValue());
        assertEquals("500,501,502,503,504,550,551,552,553,554",
                PropertyCatalog.get("glide.smtp.fail_message_ids").defaultValue());
        assertEquals("100", PropertyCatalog.get("glide.email.smtp.max_send").defaultValue());
        assertEquals("100", PropertyCatalog.get("glide.email.smtp.max_recipients").defaultValue());
        assertEquals("false", PropertyCatalog.get("glide.smtp.precedence_bulk").defaultValue());
        assertEquals("60,300,600,1200,2400,3600,7200", PropertyCatalog.get("glide.smtp.retry_backoff").defaultValue());
        assertEquals("30", PropertyCatalog.get("glide.email.log.retention_days").defaultValue());
        assertEquals(Section.OUTBOUND, PropertyCatalog.get("glide.smtp.retry_backoff").section());
        assertEquals(Section.OUTBOUND, PropertyCatalog.get("glide.email.log.retention_days").section());
        assertEquals("true", PropertyCatalog.get("glide.email.read.active").defaultValue());
        assertEquals(List.of("none", "starttls", "ssl"), PropertyCatalog.get("glide.smtp.encryption").choices());
    }

    @Test
    void exactlyThePasswordsAreSecret() {
        Set<String> secrets = PropertyCatalog.all().stream().filter(PropertyDef::secret)
                .map(PropertyDef::name).collect(Collectors.toSet());
        assertEquals(Set.of("glide.email.user_password", "glide.pop3.password"), secrets);
    }

    @Test
    void everyDefaultPassesItsOwnValidation() {
        for (PropertyDef def : PropertyCatalog.all()) {
            assertNull(def.validate(def.defaultValue()), def.name());
            assertNotNull(def.label(), def.name());
            assertTrue(!def.help().isBlank(), def.name());
        }
    }

    @ParameterizedTest(name = "{0} = [{1}] is refused")
    @CsvSource(delimiter = '|', textBlock = """
            glide.smtp.port                 | 0
            glide.smtp.port                 | 70000
            glide.smtp.port                 | abc
            glide.smtp.port                 | 25.5
            glide.smtp.port                 | -1
            glide.smtp.connection_timeout   | 0
            glide.email.smtp.max_send       | many
            glide.email.user                | helpdesk.example.com
            glide.email.user                | Help Desk <helpdesk@example.com>
            glide.email.user                | a@b@c
            glide.email.test.user           | qa@example.com, nope
            glide.smtp.defer_retry_ids      | 421,99x
            glide.smtp.fail_message_ids     | 5500
            glide.smtp.fail_message_ids     | 150
            glide.smtp.encryption           | tls
            glide.smtp.auth                 | yes
            glide.email.server              | smtp example.com
            glide.email.server              | -smtp.example.com
            glide.email.server              | 300.1.1.1
            glide.pop3.server               | smtp_example.com
            glide.smtp.retry_backoff        | 60,0
            glide.smtp.throttle_codes       | 421,4.7
            glide.smtp.throttle_codes       | 6.1.1
            glide.smtp.throttle_codes       | 4.7.1000
            glide.smtp.retry_backoff        | 60,five
            glide.smtp.retry_backoff        | -1
            glide.smtp.retry_backoff        | 604801
            glide.email.log.retention_days  | 0
            glide.email.log.retention_days  | thirty
            """)
    void refuses(String name, String value) {
        assertNotNull(PropertyCatalog.get(name).validate(value));
    }

    @ParameterizedTest(name = "{0} = [{1}] is accepted")
    @CsvSource(delimiter = '|', textBlock = """
            glide.smtp.port                 | 1
            glide.smtp.port                 | 65535
            glide.email.user                | helpdesk@example.com
            glide.email.test.user           | qa@example.com, qa2@example.com
            glide.smtp.defer_retry_ids      | 421, 450
            glide.smtp.encryption           | starttls
            glide.smtp.auth                 | false
            glide.email.server              | smtp.example.com
            glide.email.server              | 192.168.1.10
            glide.email.server              | ::1
            glide.email.server              | localhost
            glide.email.username            | Help Desk (Tier 1)
            glide.smtp.retry_backoff        | 2,2,2
            glide.smtp.retry_backoff        | 60, 300, 604800
            glide.email.log.retention_days  | 365
            """)
    void accepts(String name, String value) {
        assertNull(PropertyCatalog.get(name).validate(value));
    }

    @Test
    void refusesTooLongValuesAndControlCharacters() {
        assertNotNull(PropertyCatalog.get("glide.email.username").validate("x".repeat(PropertyType.MAX_LENGTH + 1)));
        assertNotNull(PropertyCatalog.get("glide.email.username").validate("two\nlines"));
        assertNull(PropertyCatalog.get("glide.email.username").validate("x".repeat(PropertyType.MAX_LENGTH)));
    }
}
