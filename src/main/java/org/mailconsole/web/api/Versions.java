package org.mailconsole.web.api;

import java.util.List;
import java.util.function.LongSupplier;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;

/**
 * The version a change of a stored row names, so that a change made on what someone else has since
 * changed is refused (StaleVersionException): the same rule for every resource that has versions.
 */
final class Versions {
    private Versions() {
    }

    /** PUT: the body's version, which a replace cannot do without. */
    static long required(Long version) {
        if (version == null) {
            throw new ValidationException(List.of(new FieldError("version",
                    "is required: the version you read with GET")));
        }
        return version;
    }

    /** DELETE: the {@code version} query parameter; without it, the current version (a plain delete). */
    static long expected(String version, LongSupplier current) {
        if (version == null || version.isBlank()) {
            return current.getAsLong();
        }
        try {
            return Long.parseLong(version.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(List.of(new FieldError("version", "must be a whole number")));
        }
    }
}
