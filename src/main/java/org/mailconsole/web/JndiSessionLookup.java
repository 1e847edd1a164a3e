package org.mailconsole.web;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.mailconsole.store.InvalidSettingsException;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.mail.engine.SharedEngine;

/**
 * Shared mode: when this webapp sees {@code java:comp/env/mail/Session} and it is the live session
 * of the same core classes (the shared bundle in the container's lib, loaded parent-first), the
 * console must use that session's database. Otherwise (standalone) there is nothing to follow.
 */
final class JndiSessionLookup {
    static final String NAME = "java:comp/env/mail/Session";
    private static final System.Logger LOG = System.getLogger(JndiSessionLookup.class.getName());

    private JndiSessionLookup() {
    }

    static Optional<StorageSettings> storageSettings() {
        try {
            Object session = new InitialContext().lookup(NAME);
            Optional<StorageSettings> settings = SharedEngine.settingsOf(session);
            if (settings.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, NAME + " is bound but is not the Mail Console session of these "
                        + "classes (is the shared bundle in the container's lib?); the console runs standalone");
            }
            return settings;
        } catch (NamingException | RuntimeException | LinkageError e) {
            refuseIfTheResourceRefused(e);
            return Optional.empty();
        }
    }

    /**
     * The resource is configured but its factory refused it (wrong key file, bad attribute): the
     * console must not quietly start on another database, it refuses with the factory's reason.
     */
    private static void refuseIfTheResourceRefused(Throwable failure) {
        // NamingException.getCause() is its root cause
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingsException refused) {
                throw refused;
            }
        }
    }
}
