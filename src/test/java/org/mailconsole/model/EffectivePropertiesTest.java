package org.mailconsole.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectivePropertiesTest {

    @Test
    void nothingStoredGivesTheDefaults() {
        EffectiveProperties effective = EffectiveProperties.resolve(Map.of());
        for (PropertyDef def : PropertyCatalog.all()) {
            if (!def.name().equals("glide.pop3.port")) {
                assertEquals(def.defaultValue(), effective.text(def.name()), def.name());
                assertEquals(EffectiveValue.Origin.DEFAULT, effective.get(def.name()).origin(), def.name());
            }
        }
        assertEquals(25, effective.integer("glide.smtp.port"));
        assertTrue(effective.flag("glide.email.smtp.active"));
        assertEquals(List.of("421", "450", "451", "452"), effective.list("glide.smtp.defer_retry_ids"));
    }

    @Test
    void storedValuesWin() {
        EffectiveProperties effective = EffectiveProperties.resolve(Map.of("glide.smtp.port", "2525"));
        assertEquals(EffectiveValue.set("2525"), effective.get("glide.smtp.port"));
    }

    @Test
    void blankStoredValueMeansDefault() {
        EffectiveProperties effective = EffectiveProperties.resolve(Map.of("glide.smtp.port", "  "));
        assertEquals(EffectiveValue.byDefault("25"), effective.get("glide.smtp.port"));
    }

    @Test
    void pop3ServerFallsBackToTheSmtpServer() {
        EffectiveProperties effective = EffectiveProperties.resolve(Map.of("glide.email.server", "mail.example.com"));
        assertEquals(EffectiveValue.fallback("mail.example.com", "glide.email.server"), effective.get("glide.pop3.server"));
    }

    @Test
    void ownPop3ServerBeatsTheFallback() {
        EffectiveProperties effective = EffectiveProperties.resolve(
                Map.of("glide.email.server", "mail.example.com", "glide.pop3.server", "pop.example.com"));
        assertEquals(EffectiveValue.set("pop.example.com"), effective.get("glide.pop3.server"));
    }

    @Test
    void noServerAtAllLeavesPop3ServerBlankWithoutAFallback() {
        EffectiveValue server = EffectiveProperties.resolve(Map.of()).get("glide.pop3.server");
        assertTrue(server.isBlank());
        assertNull(server.from());
    }

    @Test
    void pop3UserFallsBackToTheLocalPartOfTheSmtpUser() {
        EffectiveProperties effective = EffectiveProperties.resolve(Map.of("glide.email.user", "helpdesk@example.com"));
        assertEquals(EffectiveValue.fallback("helpdesk", "glide.email.user"), effective.get("glide.pop3.user"));
    }

    @Test
    void ownPop3UserBeatsTheFallback() {
        EffectiveProperties effective = EffectiveProperties.resolve(
                Map.of("glide.email.user", "helpdesk@example.com", "glide.pop3.user", "inbox"));
        assertEquals(EffectiveValue.set("inbox"), effective.get("glide.pop3.user"));
    }

    @Test
    void pop3PasswordFallsBackToTheSmtpPassword() {
        EffectiveProperties effective = EffectiveProperties.resolve(Map.of("glide.email.user_password", "s3cret"));
        assertEquals(EffectiveValue.fallback("s3cret", "glide.email.user_password"), effective.get("glide.pop3.password"));
    }

    @Test
    void ownPop3PasswordBeatsTheFallback() {
        EffectiveProperties effective = EffectiveProperties.resolve(
                Map.of("glide.email.user_password", "smtp-pw", "glide.pop3.password", "pop-pw"));
        assertEquals("pop-pw", effective.text("glide.pop3.password"));
    }

    @Test
    void pop3PortIs110Or995WithSsl() {
        assertEquals(110, EffectiveProperties.resolve(Map.of()).integer("glide.pop3.port"));
        assertEquals(995, EffectiveProperties.resolve(Map.of("glide.pop3.secure", "true")).integer("glide.pop3.port"));
        assertEquals(1110, EffectiveProperties.resolve(
                Map.of("glide.pop3.secure", "true", "glide.pop3.port", "1110")).integer("glide.pop3.port"));
    }

    @Test
    void sendingCanBeSwitchedOff() {
        assertFalse(EffectiveProperties.resolve(Map.of("glide.email.smtp.active", "false")).flag("glide.email.smtp.active"));
    }
}
