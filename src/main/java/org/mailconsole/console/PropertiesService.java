package org.mailconsole.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EffectiveValue;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.model.PropertyType;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.VersionConflictException;

/** Reads and changes System Properties > Email: validation, secrets, versions, audit. */
public final class PropertiesService {
    static final String AUDIT_SUBJECT = "System Properties > Email";
    private static final System.Logger LOG = System.getLogger(PropertiesService.class.getName());

    private final PropertyStore store;
    private final Clock clock;

    public PropertiesService(PropertyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public PropertiesDocument document() {
        PropertyStore.Stored stored = store.load();
        Map<String, String> plain = stored.values();
        EffectiveProperties effective = EffectiveProperties.resolve(plain);
        List<PropertyView> views = new ArrayList<>();
        for (PropertyDef def : PropertyCatalog.all()) {
            String own = plain.get(def.name());
            EffectiveValue inForce = effective.get(def.name());
            views.add(def.secret()
                    ? new PropertyView(def, null, null, inForce.from(), own != null, !inForce.isBlank())
                    : new PropertyView(def, own, inForce.value(), inForce.from(), own != null, !inForce.isBlank()));
        }
        return new PropertiesDocument(stored.version(), List.copyOf(views));
    }

    /** The values in force, secrets included (in memory only: for sending, never for display). */
    public EffectiveProperties effective() {
        return EffectiveProperties.resolve(store.load().values());
    }

    /**
     * Applies changes in one transaction. {@code changes} maps a property name to its new value;
     * a null or blank value resets a property to its default, or clears a secret.
     *
     * @throws ValidationException   if any name or value is bad; nothing is saved
     * @throws StaleVersionException if {@code version} is not the current one; nothing is saved
     */
    public PropertiesDocument update(long version, Map<String, String> changes, String actor) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = change.getKey();
            PropertyDef def = PropertyCatalog.find(name).orElse(null);
            if (def == null) {
                errors.add(new FieldError(name, "is not a property of System Properties > Email"));
                continue;
            }
            String problem = def.validate(change.getValue());
            if (problem != null) {
                errors.add(new FieldError(name, problem));
            } else {
                wanted.put(name, normalize(def, change.getValue()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }

        PropertyStore.Stored stored = store.load();
        Map<String, String> merged = new LinkedHashMap<>(stored.values());
        merged.putAll(wanted);
        List<FieldError> moved = StoredSecretRule.checkProperties(EffectiveProperties.resolve(stored.values()),
                EffectiveProperties.resolve(merged), changes);
        if (!moved.isEmpty()) {
            throw new ValidationException(moved);
        }
        if (stored.version() != version) {
            throw new StaleVersionException(version, stored.version());
        }
        Map<String, String> current = stored.values();
        Map<String, String> writes = new LinkedHashMap<>();
        List<AuditEntry> audit = new ArrayList<>();
        for (Map.Entry<String, String> change : wanted.entrySet()) {
            String name = change.getKey();
            String before = current.get(name);
            String after = change.getValue();
            if (Objects.equals(before, after)) {
                continue;
            }
            PropertyDef def = PropertyCatalog.get(name);
            writes.put(name, after);
            audit.add(def.secret()
                    ? new AuditEntry(clock.instant(), actor, AUDIT_SUBJECT, name, null,
                            after == null ? "cleared" : "changed")
                    : new AuditEntry(clock.instant(), actor, AUDIT_SUBJECT, name, before, after));
        }
        if (!writes.isEmpty()) {
            try {
                store.save(version, writes, audit);
            } catch (VersionConflictException e) {
                throw new StaleVersionException(e.expectedVersion(), e.currentVersion());
            }
            LOG.log(System.Logger.Level.INFO, "{0} changed {1} email propert(ies): {2}",
                    actor, writes.size(), String.join(", ", writes.keySet()));
        }
        return document();
    }

    /**
     * Trimmed; lists as "a,b,c"; blank as null (not stored). A check box or choice at its default
     * is not stored either: those inputs cannot be left blank, so "at the default" is their blank.
     */
    private static String normalize(PropertyDef def, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        boolean alwaysFilled = def.type() == PropertyType.BOOLEAN || def.type() == PropertyType.CHOICE;
        if (alwaysFilled && value.trim().equals(def.defaultValue())) {
            return null;
        }
        if (def.type() == PropertyType.EMAIL_LIST || def.type() == PropertyType.SMTP_CODE_LIST
                || def.type() == PropertyType.THROTTLE_CODE_LIST) {
            return String.join(",", PropertyType.splitList(value));
        }
        return def.secret() ? value : value.trim();
    }
}
