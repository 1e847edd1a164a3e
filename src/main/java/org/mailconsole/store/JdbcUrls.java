package org.mailconsole.store;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows which parts of a JDBC URL are credentials: how a URL is shown (logs,
 * messages, Email Diagnostics) and how it is taken apart so that no library the console hands it
 * to (HikariCP, Flyway, the driver's own metadata) can log them. Drivers take secrets under many
 * names (pgjdbc's {@code password}, {@code sslpassword}, {@code sslkey}, {@code sslfactoryarg};
 * HSQLDB's {@code crypt_key}, {@code crypt_iv}), so a parameter counts when its name merely looks
 * like one, rather than from a list that the next driver release outgrows.
 */
public final class JdbcUrls {
    /** A parameter (after ?, &amp; or ;) whose name holds a credential word; its value runs to the next &amp;, ; or #. */
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "(?i)([?&;])([^?&;#=]*(?:pass|pwd|secret|token|key|crypt|credential|auth|sslfactoryarg)[^?&;#=]*)=([^&;#]*)");
    /** user:password@ in the authority. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?;@:]*):[^/?;@]*@");

    private JdbcUrls() {
    }

    /** {@code url} with every credential-like parameter's value, and the password of its user info, as {@code ***}. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String clean = CREDENTIAL_PARAMETER.matcher(url).replaceAll("$1$2=***");
        return USER_INFO.matcher(clean).replaceAll("$1:***@");
    }

    /** A URL without its credential parameters, and those parameters, for the driver's connection properties. */
    public record Split(String url, Properties credentials) {
        @Override
        public String toString() {
            return "JdbcUrls.Split[" + masked(url) + ", " + credentials.stringPropertyNames() + "]";
        }
    }

    /**
     * Takes the credential parameters out of {@code url}. Both drivers read a connection property as
     * they read the same URL parameter, so connecting with the two halves is connecting with the URL.
     */
    public static Split split(String url) {
        Properties credentials = new Properties();
        Matcher parameter = CREDENTIAL_PARAMETER.matcher(url);
        StringBuilder rest = new StringBuilder();
        while (parameter.find()) {
            credentials.setProperty(parameter.group(2), parameter.group(3));
            // keep a leading ? (pgjdbc's first parameter): the next parameter's & follows it
            parameter.appendReplacement(rest, "?".equals(parameter.group(1)) ? "?" : "");
        }
        parameter.appendTail(rest);
        String remaining = rest.toString().replace("?&", "?");
        if (remaining.endsWith("?")) {
            remaining = remaining.substring(0, remaining.length() - 1);
        }
        return new Split(remaining, credentials);
    }
}
