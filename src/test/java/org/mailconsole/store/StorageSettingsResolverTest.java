package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageSettingsResolverTest {
    @TempDir
    Path dir;

    private final Map<String, String> explicit = new HashMap<>();
    private final Map<String, String> sysprops = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private StorageSettings resolve() {
        return new StorageSettingsResolver(explicit::get, sysprops::get, env, dir).resolve();
    }

    @Test
    void devRunDefaultsUnderTarget() {
        StorageSettings settings = resolve();
        assertTrue(settings.embeddedHsqldb());
        assertTrue(settings.jdbcUrl().startsWith("jdbc:hsqldb:file:" + dir.toAbsolutePath().resolve("target/mail-console-data/db/mailconsole")),
                settings.jdbcUrl());
        assertEquals(dir.toAbsolutePath().resolve("target/mail-console-data/mail-console.key"), settings.keyFile());
        assertEquals("SA", settings.user());
    }

    @Test
    void theEmbeddedDatabasesFilesAreItsPathWithoutOptions() {
        StorageSettings settings = resolve();
        assertEquals(dir.toAbsolutePath().resolve("target/mail-console-data/db/mailconsole"), settings.embeddedFiles());
        assertEquals(Path.of(System.getProperty("user.home"), "data/mc"),
                new StorageSettings("jdbc:hsqldb:file:~/data/mc;shutdown=true", "SA", "", dir).embeddedFiles());
        assertThrows(IllegalStateException.class,
                () -> new StorageSettings("jdbc:postgresql://db/mc", "u", "p", dir).embeddedFiles());
    }

    @Test
    void containerDefaultsUnderCatalinaBase() {
        sysprops.put("catalina.base", dir.resolve("tomcat").toString());
        StorageSettings settings = resolve();
        assertTrue(settings.jdbcUrl().contains(dir.resolve("tomcat/mail-console/db/mailconsole").toString()));
        assertEquals(dir.resolve("tomcat/conf/mail-console.key").toAbsolutePath(), settings.keyFile());
    }

    @Test
    void jettyBaseIsAContainerBaseToo() {
        sysprops.put("jetty.base", dir.resolve("jetty").toString());
        assertTrue(resolve().jdbcUrl().contains(dir.resolve("jetty/mail-console/db").toString()));
    }

    @Test
    void orderIsExplicitThenSystemPropertyThenEnvironmentThenFile() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/mail-console.properties"), "mailconsole.db.path=/from/file\n");
        assertTrue(resolve().jdbcUrl().contains("/from/file"));
        env.put("MAILCONSOLE_DB_PATH", "/from/env");
        assertTrue(resolve().jdbcUrl().contains("/from/env"));
        sysprops.put("mailconsole.db.path", "/from/sysprop");
        assertTrue(resolve().jdbcUrl().contains("/from/sysprop"));
        explicit.put("mailconsole.db.path", "/from/context");
        assertTrue(resolve().jdbcUrl().contains("/from/context"));
    }

    @Test
    void aJdbcUrlBeatsThePath() {
        env.put("MAILCONSOLE_DB_PATH", "/ignored");
        env.put("MAILCONSOLE_DB_URL", "jdbc:postgresql://db:5432/mail");
        env.put("MAILCONSOLE_DB_USER", "mail");
        env.put("MAILCONSOLE_DB_PASSWORD", "pw");
        StorageSettings settings = resolve();
        assertEquals("jdbc:postgresql://db:5432/mail", settings.jdbcUrl());
        assertEquals("mail", settings.user());
        assertTrue(!settings.toString().contains("pw,") && settings.toString().contains("(set)"));
    }

    @Test
    void aNamedConfigFileIsUsed() throws Exception {
        Path file = dir.resolve("elsewhere.properties");
        Files.writeString(file, "mailconsole.key.file=/keys/k\n");
        sysprops.put("mailconsole.config", file.toString());
        assertEquals(Path.of("/keys/k"), resolve().keyFile());
    }

    @Test
    void aMissingNamedConfigFileIsAnError() {
        sysprops.put("mailconsole.config", dir.resolve("missing.properties").toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, this::resolve);
        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void unknownKeysInTheFileAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/mail-console.properties"), "mailconsole.db.pth=/typo\n");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, this::resolve);
        assertTrue(e.getMessage().contains("mailconsole.db.pth"), e.getMessage());
    }

    @Test
    void anUnsupportedJdbcUrlIsRefused() {
        sysprops.put("mailconsole.db.url", "jdbc:mysql://db/mail");
        assertThrows(InvalidSettingsException.class, this::resolve);
    }

    @Test
    void anEmptySettingIsRefused() {
        env.put("MAILCONSOLE_KEY_FILE", " ");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, this::resolve);
        assertTrue(e.getMessage().contains("MAILCONSOLE_KEY_FILE"), e.getMessage());
    }

    private java.util.Set<Integer> consolePorts() {
        return new StorageSettingsResolver(explicit::get, sysprops::get, env, dir).consolePorts();
    }

    @Test
    void consolePortsAreResolvedLikeTheOtherSettings() throws Exception {
        assertEquals(java.util.Set.of(), consolePorts(), "unset: any port");
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/mail-console.properties"), "mailconsole.console.ports=9443\n");
        assertEquals(java.util.Set.of(9443), consolePorts());
        env.put("MAILCONSOLE_CONSOLE_PORTS", "9444");
        assertEquals(java.util.Set.of(9444), consolePorts());
        sysprops.put("mailconsole.console.ports", "9445");
        assertEquals(java.util.Set.of(9445), consolePorts());
        explicit.put("mailconsole.console.ports", " 8443 , 9443 ");
        assertEquals(java.util.Set.of(8443, 9443), consolePorts());
    }

    @Test
    void aBadConsolePortRefusesNamingItsSource() {
        for (String bad : new String[] {"https", "0", "65536", "8443,", "8443;9443", "-1", "8443 9443"}) {
            explicit.put("mailconsole.console.ports", bad);
            InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, this::consolePorts, bad);
            assertTrue(refused.getMessage().startsWith("context parameter mailconsole.console.ports must be a "
                    + "comma-separated list of port numbers"), refused.getMessage());
        }
        explicit.put("mailconsole.console.ports", " ");
        assertTrue(assertThrows(InvalidSettingsException.class, this::consolePorts).getMessage().contains("is empty"));
    }
}
