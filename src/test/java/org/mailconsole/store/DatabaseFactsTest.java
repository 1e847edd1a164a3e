package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatabaseFactsTest {
    @Test
    void theUrlIsShownWithoutItsPassword() {
        assertEquals("jdbc:postgresql://db.example:5432/mc?user=mc&password=***&ssl=true",
                DatabaseFacts.withoutPassword("jdbc:postgresql://db.example:5432/mc?user=mc&password=s3cr3t&ssl=true"));
        assertEquals("jdbc:postgresql://db.example/mc?PASSWORD=***",
                DatabaseFacts.withoutPassword("jdbc:postgresql://db.example/mc?PASSWORD=s3cr3t"));
        assertEquals("jdbc:hsqldb:hsql://db.example/mc;password=***;ifexists=true",
                DatabaseFacts.withoutPassword("jdbc:hsqldb:hsql://db.example/mc;password=s3cr3t;ifexists=true"));
        assertEquals("jdbc:postgresql://mc:***@db.example/mc",
                DatabaseFacts.withoutPassword("jdbc:postgresql://mc:s3cr3t@db.example/mc"));
        assertEquals("jdbc:hsqldb:file:/var/db/mc;hsqldb.write_delay=false",
                DatabaseFacts.withoutPassword("jdbc:hsqldb:file:/var/db/mc;hsqldb.write_delay=false"));
    }

    @Test
    void engines() {
        assertEquals("PostgreSQL", DatabaseFacts.engine("jdbc:postgresql://x/y"));
        assertEquals("HSQLDB (embedded file)", DatabaseFacts.engine("jdbc:hsqldb:file:/x"));
        assertEquals("HSQLDB (server)", DatabaseFacts.engine("jdbc:hsqldb:hsql://x/y"));
    }
}
