package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatabaseFactsTest {
    @Test
    void engines() {
        assertEquals("PostgreSQL", DatabaseFacts.engine("jdbc:postgresql://x/y"));
        assertEquals("HSQLDB (embedded file)", DatabaseFacts.engine("jdbc:hsqldb:file:/x"));
        assertEquals("HSQLDB (server)", DatabaseFacts.engine("jdbc:hsqldb:hsql://x/y"));
    }
}
