package org.mailconsole.mail;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.store.InvalidSettingsException;

/** The JNDI factory as a container calls it: a Reference with the Resource's attributes. */
class MailSessionFactoryTest {
    @TempDir
    static Path dir;

    private static Reference resource(Map<String, String> attributes) {
        Reference reference = new Reference("jakarta.mail.Session", MailSessionFactory.class.getName(), null);
        reference.add(new StringRefAddr("auth", "Container")); // Tomcat passes its own attributes too
        attributes.forEach((key, value) -> reference.add(new StringRefAddr(key, value)));
        return reference;
    }

    @Test
    void everyLookupOfOneDatabaseGetsTheSameLiveSession() throws Exception {
        Map<String, String> attributes = Map.of("mailconsole.db.path", dir.resolve("db/mc").toString(),
                "mailconsole.key.file", dir.resolve("key").toString());
        Object first = new MailSessionFactory().getObjectInstance(resource(attributes), null, null, null);
        Object second = new MailSessionFactory().getObjectInstance(resource(attributes), null, null, null);
        assertTrue(first instanceof jakarta.mail.Session);
        assertSame(first, second);
    }

    @Test
    void aMisspeltAttributeIsRefusedByName() {
        Reference typo = resource(Map.of("mailconsole.db.pth", dir.resolve("other").toString()));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new MailSessionFactory().getObjectInstance(typo, null, null, null));
        assertTrue(e.getMessage().contains("mailconsole.db.pth"), e.getMessage());
    }
}
