package org.mailconsole.mail.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class SendingWebappTest {
    @Test
    void tomcatBaseNamesBecomeContextPaths() {
        assertEquals("/shop", SendingWebapp.tomcatPath("shop"));
        assertEquals("/", SendingWebapp.tomcatPath("ROOT"));
        assertEquals("/a/b", SendingWebapp.tomcatPath("a#b"));
        assertEquals("/shop", SendingWebapp.tomcatPath("shop##2"));
        assertEquals(SendingWebapp.UNKNOWN, SendingWebapp.tomcatPath("Unknown"));
    }

    @Test
    void aLoaderOfNoKnownContainerIsUnknown() {
        assertEquals(SendingWebapp.UNKNOWN, SendingWebapp.contextPath(new ClassLoader() { }));
    }

    /** A loader shaped like Tomcat's: getContextName() answers the base name. */
    public static final class TomcatLikeLoader extends ClassLoader {
        public String getContextName() {
            return "orders";
        }
    }

    @Test
    void theContainersAnswerIsReadByReflection() {
        assertEquals("/orders", SendingWebapp.contextPath(new TomcatLikeLoader()));
    }

    @Test
    void sourcesCountMessagesPerWebapp() {
        SendingSources sources = new SendingSources(Clock.systemUTC());
        sources.record("/shop");
        sources.record("/shop");
        sources.record("/blog");
        assertEquals(2, sources.list().stream().filter(s -> s.contextPath().equals("/shop")).findFirst().orElseThrow()
                .messages());
        assertEquals(2, sources.list().size());
    }
}
