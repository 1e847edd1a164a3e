package org.mailconsole.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The capture the secret checks rely on (HostileInputIT, SecretsIT, ...): a secret that reaches a
 * log line at any level, as a message's parameter, in an exception's cause or on System.out, is in
 * its text; one logged after it is closed is not.
 */
class LogCaptureTest {
    @Test
    void everyPlaceALogLineCanCarryASecretIsInTheText() {
        Logger logger = Logger.getLogger("org.mailconsole.testing.capture");
        System.Logger systemLogger = System.getLogger("org.mailconsole.testing.capture.system");
        String text;
        try (LogCapture logs = new LogCapture()) {
            logger.log(Level.FINEST, "finest with {0}", "param-canary");
            logger.log(Level.WARNING, "failed", new IllegalStateException("outer",
                    new IllegalArgumentException("cause-canary")));
            systemLogger.log(System.Logger.Level.DEBUG, "debug {0}", "system-canary");
            System.out.println("stdout-canary");
            text = logs.text();
        }
        logger.log(Level.WARNING, "after-close-canary");
        for (String canary : new String[] {"param-canary", "cause-canary", "system-canary", "stdout-canary"}) {
            assertTrue(text.contains(canary), canary + " missing from:\n" + text);
        }
        assertTrue(text.contains("WARNING org.mailconsole.testing.capture: failed"), text);
        assertFalse(text.contains("after-close-canary"), text);
    }
}
