package org.mailconsole.store;

import java.util.HashMap;
import java.util.Map;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;

/** Stored property values with their secrets opened (in memory only), and the values in force. */
public final class StoredProperties {
    private StoredProperties() {
    }

    public static Map<String, String> open(Map<String, String> stored, SecretBox secrets) {
        Map<String, String> plain = new HashMap<>(stored);
        for (PropertyDef def : PropertyCatalog.all()) {
            if (def.secret() && plain.containsKey(def.name())) {
                plain.put(def.name(), secrets.open(plain.get(def.name())));
            }
        }
        return plain;
    }

    public static EffectiveProperties effective(Map<String, String> stored, SecretBox secrets) {
        return EffectiveProperties.resolve(open(stored, secrets));
    }
}
