package org.mailconsole.mail;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import org.mailconsole.store.InvalidSettingsException;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.StorageSettingsResolver;
import org.mailconsole.mail.engine.SharedEngine;

/**
 * JNDI object factory for the shared {@code jakarta.mail.Session} (Tomcat: a {@code <Resource
 * factory="org.mailconsole.mail.MailSessionFactory">}; Jetty: a {@code javax.naming.Reference} with
 * this factory). Its attributes ({@code mailconsole.db.path} or {@code mailconsole.db.url},
 * {@code mailconsole.db.user}, {@code mailconsole.db.password}, {@code mailconsole.key.file},
 * {@code mailconsole.config}) come first; anything not given is resolved as the console resolves
 * it (system property, environment, conf/mail-console.properties, default). Every lookup with the
 * same database gets the same live session. The database stays open until the JVM exits.
 */
public final class MailSessionFactory implements ObjectFactory {
    private static final System.Logger LOG = System.getLogger(MailSessionFactory.class.getName());

    @Override
    public Object getObjectInstance(Object object, Name name, Context context, Hashtable<?, ?> environment) {
        Map<String, String> attributes = new HashMap<>();
        if (object instanceof Reference reference) {
            Enumeration<RefAddr> all = reference.getAll();
            while (all.hasMoreElements()) {
                RefAddr address = all.nextElement();
                if (address.getContent() instanceof String value) {
                    attributes.put(address.getType(), value);
                }
            }
        }
        return session(attributes);
    }

    /** The live session for these attributes (also for containers configured in code). */
    public static jakarta.mail.Session session(Map<String, String> attributes) {
        List<String> unknown = attributes.keySet().stream()
                .filter(key -> key.startsWith("mailconsole.") && !StorageSettingsResolver.KEYS.contains(key))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            // a misspelt attribute would silently fall back to another database: refuse instead
            throw new InvalidSettingsException("the mail/Session resource has unknown attribute(s) " + unknown
                    + "; known attributes are " + new TreeSet<>(StorageSettingsResolver.KEYS));
        }
        StorageSettings settings = StorageSettingsResolver.resolveFromJvm(attributes::get);
        SharedEngine core = SharedEngine.holdForContainer(settings);
        LOG.log(System.Logger.Level.DEBUG, "Mail Console shared mail session looked up for {0}", settings);
        return core.session();
    }
}
