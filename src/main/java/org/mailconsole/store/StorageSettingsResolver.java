package org.mailconsole.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves {@link StorageSettings}. Each setting is taken from the first source that has it:
 * <ol>
 *   <li>explicit values (the webapp's context parameters, or a JNDI factory's attributes),</li>
 *   <li>a Java system property ({@code -Dmailconsole.db.path=...}),</li>
 *   <li>an environment variable (the name upper-cased, dots as underscores: {@code MAILCONSOLE_DB_PATH}),</li>
 *   <li>the file {@code mail-console.properties} (same keys): {@code mailconsole.config} if set, else
 *       {@code conf/mail-console.properties} under the container's base, else under the working directory,</li>
 *   <li>a default under the container's base (catalina.base, jetty.base) or, for the dev run, {@code target/}.</li>
 * </ol>
 */
public final class StorageSettingsResolver {
    public static final String CONFIG = "mailconsole.config";
    public static final String DB_URL = "mailconsole.db.url";
    public static final String DB_USER = "mailconsole.db.user";
    public static final String DB_PASSWORD = "mailconsole.db.password";
    public static final String DB_PATH = "mailconsole.db.path";
    public static final String KEY_FILE = "mailconsole.key.file";
    /** The local ports the console answers on (the console's own origin); not storage, but resolved alike. */
    public static final String CONSOLE_PORTS = "mailconsole.console.ports";

    public static final Set<String> FILE_KEYS = Set.of(DB_URL, DB_USER, DB_PASSWORD, DB_PATH, KEY_FILE, CONSOLE_PORTS);
    /** Every storage setting that explicit values (context parameters, JNDI attributes) may name. */
    public static final Set<String> KEYS = Set.of(DB_URL, DB_USER, DB_PASSWORD, DB_PATH, KEY_FILE, CONFIG);
    private static final List<String> URL_PREFIXES = List.of("jdbc:hsqldb:", "jdbc:postgresql:");

    private final Function<String, String> explicit;
    private final Function<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    public StorageSettingsResolver(Function<String, String> explicit, Function<String, String> systemProperties,
                                   Map<String, String> environment, Path workingDirectory) {
        this.explicit = explicit;
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** Resolves against this JVM's system properties, environment and working directory. */
    public static StorageSettings resolveFromJvm(Function<String, String> explicit) {
        return new StorageSettingsResolver(explicit, System::getProperty, System.getenv(), Path.of(""))
                .resolve();
    }

    public StorageSettings resolve() {
        Path containerBase = containerBase();
        Properties file = readConfigFile(containerBase);
        Function<String, String> lookup = key -> firstOf(key, file);

        String url = lookup.apply(DB_URL);
        if (url == null) {
            String path = lookup.apply(DB_PATH);
            Path dbPath = path != null ? Path.of(path) : dataDirectory(containerBase).resolve("db/mailconsole");
            url = StorageSettings.embeddedUrl(dbPath);
        } else if (URL_PREFIXES.stream().noneMatch(url::startsWith)) {
            throw new InvalidSettingsException(DB_URL + " must be an HSQLDB or PostgreSQL JDBC URL "
                    + "(jdbc:hsqldb:... or jdbc:postgresql:...), not '" + JdbcUrls.masked(url) + "'");
        }
        String user = lookup.apply(DB_USER);
        if (user == null) {
            user = url.startsWith("jdbc:hsqldb:") ? "SA" : "";
        }
        String password = lookup.apply(DB_PASSWORD);
        String key = lookup.apply(KEY_FILE);
        Path keyFile = key != null ? Path.of(key)
                : containerBase != null ? containerBase.resolve("conf/mail-console.key")
                : dataDirectory(null).resolve("mail-console.key");
        return new StorageSettings(url, user, password == null ? "" : password, keyFile.toAbsolutePath());
    }

    /**
     * The console's own ports ({@link #CONSOLE_PORTS}: a comma-separated list of local ports), empty
     * when unset (any port). A value that is not such a list refuses the start, naming its source.
     */
    public Set<Integer> consolePorts() {
        Properties file = readConfigFile(containerBase());
        String value = firstOf(CONSOLE_PORTS, file);
        if (value == null) {
            return Set.of();
        }
        Set<Integer> ports = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            String port = part.trim();
            int number = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
            if (number < 1 || number > 65535) {
                throw new InvalidSettingsException(sourceOf(CONSOLE_PORTS) + " must be a comma-separated list of "
                        + "port numbers (1 to 65535), such as 8443 or 8443,9443; '" + port + "' is not one (value '"
                        + value + "')");
            }
            ports.add(number);
        }
        return Set.copyOf(ports);
    }

    /** Resolves the console's ports against this JVM's system properties, environment and working directory. */
    public static Set<Integer> consolePortsFromJvm(Function<String, String> explicit) {
        return new StorageSettingsResolver(explicit, System::getProperty, System.getenv(), Path.of("")).consolePorts();
    }

    /** Where {@code key}'s value comes from, in {@link #firstOf}'s order (for messages). */
    private String sourceOf(String key) {
        if (explicit.apply(key) != null) {
            return "context parameter " + key;
        }
        if (systemProperties.apply(key) != null) {
            return "system property " + key;
        }
        if (environment.get(envName(key)) != null) {
            return "environment variable " + envName(key);
        }
        return key + " in mail-console.properties";
    }

    private String firstOf(String key, Properties file) {
        String value = explicit.apply(key);
        if (value == null) {
            value = systemProperties.apply(key);
        }
        if (value == null) {
            value = environment.get(envName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        if (value != null && value.isBlank() && !key.equals(DB_PASSWORD)) {
            throw new InvalidSettingsException(sourceOf(key) + " is empty: remove it to use the default, or give a value");
        }
        return value == null ? null : value.trim();
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private Path containerBase() {
        for (String key : List.of("catalina.base", "jetty.base")) {
            String base = systemProperties.apply(key);
            if (base != null && !base.isBlank()) {
                return Path.of(base);
            }
        }
        return null;
    }

    private Path dataDirectory(Path containerBase) {
        return containerBase != null ? containerBase.resolve("mail-console")
                : workingDirectory.resolve("target/mail-console-data").toAbsolutePath();
    }

    private Properties readConfigFile(Path containerBase) {
        String named = explicit.apply(CONFIG);
        if (named == null) {
            named = systemProperties.apply(CONFIG);
        }
        if (named == null) {
            named = environment.get(envName(CONFIG));
        }
        Path path = named != null ? Path.of(named)
                : (containerBase != null ? containerBase : workingDirectory).resolve("conf/mail-console.properties");
        Properties properties = new Properties();
        if (!Files.exists(path)) {
            if (named != null) {
                throw new InvalidSettingsException("configuration file " + path.toAbsolutePath()
                        + " (named by " + CONFIG + ") does not exist");
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingsException("cannot read configuration file " + path.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>(new TreeSet<>(properties.stringPropertyNames()));
        unknown.removeAll(FILE_KEYS);
        if (!unknown.isEmpty()) {
            throw new InvalidSettingsException("configuration file " + path.toAbsolutePath()
                    + " has unknown setting(s) " + unknown + "; known settings are " + new TreeSet<>(FILE_KEYS));
        }
        return properties;
    }
}
