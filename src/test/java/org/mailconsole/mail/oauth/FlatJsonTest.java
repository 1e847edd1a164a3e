package org.mailconsole.mail.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
    @Test
    void readsScalarsAndSkipsNestedValues() {
        Map<String, String> json = FlatJson.parse(
                "{ \"access_token\": \"a\\\"b\\u0041\", \"expires_in\": 3599, \"ext\": {\"x\": [1, \"}\"]}, \"n\": null, \"ok\": true }");
        assertEquals("a\"bA", json.get("access_token"));
        assertEquals("3599", json.get("expires_in"));
        assertNull(json.get("ext"));
        assertNull(json.get("n"));
        assertEquals("true", json.get("ok"));
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("<html>"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\": \"b\""));
    }
}
