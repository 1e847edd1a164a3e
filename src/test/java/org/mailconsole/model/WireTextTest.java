package org.mailconsole.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"pw\r\nDELE 1", "a\nb", "tab\there", "nul\u0000", "del\u007f", "c1\u0085", "ls\u2028", "ps\u2029", "esc\u001b[0m"})
    void controlCharactersAreRefused(String value) {
        assertEquals(WireText.PROBLEM, WireText.check(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pässwörd €", "\uD83D\uDCE7 mail", "Ünïcödé name", "a b c"})
    void printableTextPasses(String value) {
        assertNull(WireText.check(value));
    }

    @Test
    void everyPropertyGoesThroughTheRule() {
        for (PropertyDef def : PropertyCatalog.all()) {
            assertNotNull(def.validate("x\r\ny"), def.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "10.1", "1.2.3", "1.2.3.4.5", "0", "127.1"})
    void digitsOnlyHostsAreRefused(String host) {
        assertNotNull(HostNames.check(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "smtp.example.com", "mail1.example.com", "::1", "123abc.example.com"})
    void realHostsPass(String host) {
        assertNull(HostNames.check(host));
    }

    @Test
    void timeoutsAreBounded() {
        PropertyDef connect = PropertyCatalog.get(PropertyCatalog.SMTP_CONNECT_TIMEOUT);
        assertNull(connect.validate("300000"));
        assertNotNull(connect.validate("300001"));
        assertNotNull(connect.validate("2147483647"));
        assertNotNull(PropertyCatalog.get(PropertyCatalog.SMTP_READ_TIMEOUT).validate("2147483647"));
        assertEquals(FieldLimits.MAX_TIMEOUT_MS, FieldLimits.boundTimeout(Integer.MAX_VALUE));
        assertEquals(1, FieldLimits.boundTimeout(0));
    }
}
