package org.mailconsole.mail;

import java.util.HashMap;
import java.util.Map;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.store.PropertyStore;

/**
 * The {@link LiveConfigSource} of the built-in accounts: System Properties > Email from the database,
 * secrets opened with the key file. Its version is the properties' version.
 */
public final class PropertiesConfigSource implements LiveConfigSource {
    private final PropertyStore store;
    private final SecretBox secrets;

    public PropertiesConfigSource(PropertyStore store, SecretBox secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    @Override
    public long version() {
        return store.version();
    }

    @Override
    public OutboundConfig outbound() {
        return PropertiesConfig.outbound(effective());
    }

    @Override
    public InboundConfig inbound() {
        return PropertiesConfig.inbound(effective());
    }

    /** The values in force, secrets opened (in memory only). */
    public EffectiveProperties effective() {
        Map<String, String> plain = new HashMap<>(store.load().values());
        for (PropertyDef def : PropertyCatalog.all()) {
            if (def.secret() && plain.containsKey(def.name())) {
                plain.put(def.name(), secrets.open(plain.get(def.name())));
            }
        }
        return EffectiveProperties.resolve(plain);
    }
}
