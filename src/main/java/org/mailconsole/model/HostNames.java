package org.mailconsole.model;

import java.util.regex.Pattern;

/** Checks host names (RFC 1123) and IP literals as typed into a server field. */
public final class HostNames {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]+]?");

    private HostNames() {
    }

    /** Null when the value is a host name or IP address, else a message. */
    public static String check(String value) {
        if (value.length() > 253) {
            return "is too long for a host name (at most 253 characters)";
        }
        var ipv4 = IPV4.matcher(value);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    return "is not a valid IPv4 address";
                }
            }
            return null;
        }
        if (DIGITS_AND_DOTS.matcher(value).matches()) {
            // Java reads "65536" or "10.1" as an IPv4 address in shorthand: not what an admin means
            return "is not a valid host name or IPv4 address (a host name cannot be only digits; an IPv4 address has four parts, e.g. 192.0.2.10)";
        }
        if (value.contains(":")) {
            return IPV6.matcher(value).matches() ? null : "is not a valid IPv6 address";
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "is not a valid host name (letters, digits, hyphens and dots, e.g. smtp.example.com)";
            }
        }
        return null;
    }
}
