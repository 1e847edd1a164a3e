package org.mailconsole.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Test Connection result and the (unsaved, never secret) form values it tested, kept in the admin's
 * session under a key the redirect names ({@code ?tested=key}): post/redirect/get, so a reload shows
 * the same result and does not run the test again. The newest {@value #KEPT} per session are kept.
 */
final class TestResultFlash {
    static final int KEPT = 10;
    private static final String ATTRIBUTE = TestResultFlash.class.getName();

    record Entry(Map<String, String> typed, Map<String, Object> result) implements Serializable {
    }

    private TestResultFlash() {
    }

    static String put(HttpServletRequest request, Map<String, String> typed, Map<String, Object> result) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            Map<String, Entry> kept = kept(session);
            String key = UUID.randomUUID().toString();
            kept.put(key, new Entry(new HashMap<>(typed), new HashMap<>(result)));
            while (kept.size() > KEPT) {
                kept.remove(kept.keySet().iterator().next());
            }
            session.setAttribute(ATTRIBUTE, kept);
            return key;
        }
    }

    static Entry get(HttpServletRequest request, String key) {
        HttpSession session = request.getSession(false);
        if (session == null || key == null) {
            return null;
        }
        synchronized (session) {
            return kept(session).get(key);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Entry> kept(HttpSession session) {
        Object kept = session.getAttribute(ATTRIBUTE);
        return kept instanceof LinkedHashMap<?, ?> map ? (LinkedHashMap<String, Entry>) map : new LinkedHashMap<>();
    }
}
