package org.mailconsole.model.filter;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import org.mailconsole.model.HostNames;

/**
 * What a domain or an exception of an address list may look like, and its stored form (trimmed,
 * lower-case: matching is case-insensitive).
 */
public final class AddressPatterns {
    public static final int MAX_DOMAIN = 253;
    public static final int MAX_EXCEPTION = 320;

    private AddressPatterns() {
    }

    public static String normalize(String pattern) {
        return pattern.trim().toLowerCase(Locale.ROOT);
    }

    /** Null when {@code pattern} is a domain pattern ({@code corp.example}, {@code *.example.com}, {@code *}), else why not. */
    public static String checkDomain(String pattern) {
        String p = pattern == null ? "" : pattern.trim();
        if (p.isEmpty()) {
            return "must not be empty";
        }
        if (p.length() > MAX_DOMAIN) {
            return "is too long (at most " + MAX_DOMAIN + " characters)";
        }
        if (p.chars().anyMatch(Character::isWhitespace)) {
            return "must not contain spaces";
        }
        if (p.contains("@")) {
            return "is a domain without @ (put single addresses under exceptions)";
        }
        if (p.equals("*")) {
            return null;
        }
        String host = p.startsWith("*.") ? p.substring(2) : p;
        if (host.contains("*")) {
            return "may use a wildcard only as * (every domain) or at the start, as in *.example.com";
        }
        if (host.contains(":") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return "must be a domain name, not an IP address";
        }
        return HostNames.check(host) == null ? null : "is not a valid domain (e.g. corp.example or *.example.com)";
    }

    /** Null when {@code pattern} is an address, possibly with * wildcards ({@code *-noreply@corp.example}), else why not. */
    public static String checkException(String pattern) {
        String p = pattern == null ? "" : pattern.trim();
        if (p.isEmpty()) {
            return "must not be empty";
        }
        if (p.length() > MAX_EXCEPTION) {
            return "is too long (at most " + MAX_EXCEPTION + " characters)";
        }
        if (p.chars().anyMatch(Character::isWhitespace)) {
            return "must not contain spaces";
        }
        int at = p.lastIndexOf('@');
        if (at <= 0 || at == p.length() - 1 || p.indexOf('@') != at) {
            return "is not an address (name@domain; * matches any characters, e.g. *-noreply@corp.example)";
        }
        String concrete = p.replace('*', 'a');
        try {
            InternetAddress parsed = new InternetAddress(concrete, true);
            if (!parsed.getAddress().equals(concrete) || parsed.getPersonal() != null) {
                return "is not an address (name@domain, nothing else)";
            }
        } catch (AddressException e) {
            return "is not an address (name@domain; * matches any characters, e.g. *-noreply@corp.example)";
        }
        String domain = concrete.substring(at + 1);
        return HostNames.check(domain) == null ? null : "has no valid domain after @";
    }
}
