package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void passwordsAreMasked() {
        assertEquals("jdbc:postgresql://db.example:5432/mc?user=mc&password=***&ssl=true",
                JdbcUrls.masked("jdbc:postgresql://db.example:5432/mc?user=mc&password=s3cr3t&ssl=true"));
        assertEquals("jdbc:postgresql://db.example/mc?PASSWORD=***",
                JdbcUrls.masked("jdbc:postgresql://db.example/mc?PASSWORD=s3cr3t"));
        assertEquals("jdbc:hsqldb:hsql://db.example/mc;password=***;ifexists=true",
                JdbcUrls.masked("jdbc:hsqldb:hsql://db.example/mc;password=s3cr3t;ifexists=true"));
        assertEquals("jdbc:postgresql://mc:***@db.example/mc",
                JdbcUrls.masked("jdbc:postgresql://mc:s3cr3t@db.example/mc"));
    }

    @Test
    void everyCredentialLikeParameterIsMasked() {
        assertEquals("jdbc:postgresql://db.example/mc?sslmode=verify-full&sslkey=***&sslpassword=***&user=mc",
                JdbcUrls.masked("jdbc:postgresql://db.example/mc?sslmode=verify-full&sslkey=/k/mc.pk8&sslpassword=kp4ss&user=mc"));
        assertEquals("jdbc:postgresql://db.example/mc?sslfactory=x.Factory&sslfactoryarg=***",
                JdbcUrls.masked("jdbc:postgresql://db.example/mc?sslfactory=x.Factory&sslfactoryarg=arg-secret"));
        assertEquals("jdbc:hsqldb:file:/var/db/mc;crypt_key=***;crypt_type=***;hsqldb.write_delay=false",
                JdbcUrls.masked("jdbc:hsqldb:file:/var/db/mc;crypt_key=604a6105889da65326bf35790a923932;crypt_type=AES;hsqldb.write_delay=false"));
        String masked = JdbcUrls.masked("jdbc:postgresql://u:p%40ss@h/mc?Sslpassword=one&accessToken=two#x");
        for (String secret : new String[] {"p%40ss", "one", "two"}) {
            assertFalse(masked.contains(secret), masked);
        }
    }

    @Test
    void otherParametersStay() {
        assertEquals("jdbc:hsqldb:file:/var/db/mc;hsqldb.default_table_type=cached;hsqldb.write_delay=false",
                JdbcUrls.masked("jdbc:hsqldb:file:/var/db/mc;hsqldb.default_table_type=cached;hsqldb.write_delay=false"));
        assertEquals("jdbc:postgresql://db.example:5432/mc?user=mc&ssl=true&ApplicationName=console",
                JdbcUrls.masked("jdbc:postgresql://db.example:5432/mc?user=mc&ssl=true&ApplicationName=console"));
    }

    @Test
    void aSplitUrlKeepsTheRestAndHandsTheCredentialsOver() {
        JdbcUrls.Split pg = JdbcUrls.split("jdbc:postgresql://db.example/mc?sslpassword=kp&user=mc&password=pw&ssl=true");
        assertEquals("jdbc:postgresql://db.example/mc?user=mc&ssl=true", pg.url());
        assertEquals("kp", pg.credentials().getProperty("sslpassword"));
        assertEquals("pw", pg.credentials().getProperty("password"));
        assertEquals("jdbc:postgresql://db.example/mc", JdbcUrls.split("jdbc:postgresql://db.example/mc?password=pw").url());
        JdbcUrls.Split hsqldb = JdbcUrls.split("jdbc:hsqldb:file:/var/db/mc;crypt_key=k1;crypt_type=AES;hsqldb.write_delay=false");
        assertEquals("jdbc:hsqldb:file:/var/db/mc;hsqldb.write_delay=false", hsqldb.url());
        assertEquals("k1", hsqldb.credentials().getProperty("crypt_key"));
        assertEquals("AES", hsqldb.credentials().getProperty("crypt_type"));
        assertFalse(hsqldb.toString().contains("k1"), hsqldb.toString());
    }
}
