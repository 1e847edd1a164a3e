package org.mailconsole.model;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kinds of value a property holds, each with its own validation.
 * Values are strings (as stored and as sent over the API); check() answers
 * null when the (trimmed, non-blank) value is acceptable, else a message.
 */
public enum PropertyType {
    HOST("host") {
        @Override
        String check(String value, PropertyDef def) {
            return HostNames.check(value);
        }
    },
    PORT("port") {
        @Override
        String check(String value, PropertyDef def) {
            return port(value) == null ? PORT_RULE : null;
        }
    },
    POSITIVE_INTEGER("integer") {
        @Override
        String check(String value, PropertyDef def) {
            Integer n = parseInt(value);
            if (n == null || n < 1) {
                return "must be a whole number of at least 1";
            }
            return null;
        }
    },
    TIMEOUT_MS("integer") {
        @Override
        String check(String value, PropertyDef def) {
            Integer n = parseInt(value);
            if (n == null || n < 1 || n > FieldLimits.MAX_TIMEOUT_MS) {
                return "must be a whole number of milliseconds from 1 to " + FieldLimits.MAX_TIMEOUT_MS;
            }
            return null;
        }
    },
    BOOLEAN("boolean") {
        @Override
        String check(String value, PropertyDef def) {
            return value.equals("true") || value.equals("false") ? null : "must be true or false";
        }
    },
    CHOICE("choice") {
        @Override
        String check(String value, PropertyDef def) {
            return def.choices().contains(value) ? null : "must be one of " + String.join(", ", def.choices());
        }
    },
    EMAIL("email") {
        @Override
        String check(String value, PropertyDef def) {
            return checkAddress(value);
        }
    },
    EMAIL_LIST("email-list") {
        @Override
        String check(String value, PropertyDef def) {
            for (String item : splitList(value)) {
                String problem = checkAddress(item);
                if (problem != null) {
                    return "'" + item + "' " + problem;
                }
            }
            return null;
        }
    },
    SMTP_CODE_LIST("code-list") {
        @Override
        String check(String value, PropertyDef def) {
            for (String item : splitList(value)) {
                if (!SMTP_CODE.matcher(item).matches()) {
                    return "'" + item + "' is not an SMTP reply code (three digits, 200 to 599)";
                }
            }
            return null;
        }
    },
    /** Basic reply codes ("421") or enhanced status codes ("4.7.1"), email-model.md section 7.1. */
    THROTTLE_CODE_LIST("throttle-code-list") {
        @Override
        String check(String value, PropertyDef def) {
            for (String item : splitList(value)) {
                if (!SMTP_CODE.matcher(item).matches() && !ENHANCED_CODE.matcher(item).matches()) {
                    return "'" + item + "' is neither an SMTP reply code (three digits, 200 to 599) nor an enhanced "
                            + "status code (such as 4.7.1)";
                }
            }
            return null;
        }
    },
    SECONDS_LIST("seconds-list") {
        @Override
        String check(String value, PropertyDef def) {
            for (String item : splitList(value)) {
                Integer n = parseInt(item);
                if (n == null || n < 1 || n > MAX_SECONDS) {
                    return "'" + item + "' is not a number of seconds (a whole number from 1 to " + MAX_SECONDS + ")";
                }
            }
            return null;
        }
    },
    TEXT("string") {
        @Override
        String check(String value, PropertyDef def) {
            return WireText.check(value);
        }
    },
    SECRET("secret") {
        @Override
        String check(String value, PropertyDef def) {
            return WireText.check(value);
        }
    };

    /** Longest value any property accepts; keeps the store and the page bounded. */
    public static final int MAX_LENGTH = FieldLimits.PROPERTY;

    /** What a port must be, for properties and accounts alike. */
    public static final String PORT_RULE = "must be a whole number from 1 to 65535";

    /** Longest step of a seconds list: one week. */
    public static final int MAX_SECONDS = 604_800;

    private static final Pattern SMTP_CODE = Pattern.compile("[2-5][0-9][0-9]");
    /** An enhanced status code (RFC 3463): class.subject.detail. */
    public static final Pattern ENHANCED_CODE = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    private final String apiName;

    PropertyType(String apiName) {
        this.apiName = apiName;
    }

    /** The name used in the API's "type" field. */
    public String apiName() {
        return apiName;
    }

    abstract String check(String value, PropertyDef def);

    /** Splits a comma (or whitespace) separated list, dropping empty items. */
    public static List<String> splitList(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : List.of(value.trim().split("\\s*[,;\\s]\\s*"));
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The TCP port {@code value} names (1 to 65535), or null when it names none. */
    public static Integer port(String value) {
        Integer n = parseInt(value);
        return n == null || n < 1 || n > 65535 ? null : n;
    }

    /** Null when the value is one plain email address (name@domain), else a message. */
    public static String checkAddress(String value) {
        if (WireText.check(value) != null) {
            return WireText.PROBLEM;
        }
        if (value.indexOf('@') < 1) {
            return "is not an email address (expected name@domain)";
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (address.getPersonal() != null || !address.getAddress().equals(value)) {
                return "must be a plain address such as name@example.com";
            }
            address.validate();
            return null;
        } catch (AddressException e) {
            return "is not a valid email address";
        }
    }
}
