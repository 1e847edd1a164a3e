package org.mailconsole.model;

import static org.mailconsole.model.PropertyCatalog.EMAIL_PASSWORD;
import static org.mailconsole.model.PropertyCatalog.EMAIL_SERVER;
import static org.mailconsole.model.PropertyCatalog.EMAIL_USER;
import static org.mailconsole.model.PropertyCatalog.POP3_PASSWORD;
import static org.mailconsole.model.PropertyCatalog.POP3_PORT;
import static org.mailconsole.model.PropertyCatalog.POP3_SECURE;
import static org.mailconsole.model.PropertyCatalog.POP3_SERVER;
import static org.mailconsole.model.PropertyCatalog.POP3_USER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties part of the effective configuration (email-model.md section 4):
 * every property's value in force after defaults and fallbacks. Secrets are held
 * in clear here, in memory only; callers that display must not print them.
 */
public final class EffectiveProperties {
    static final String POP3_DEFAULT_PORT = "110";
    static final String POP3S_DEFAULT_PORT = "995";

    private final Map<String, EffectiveValue> values;

    private EffectiveProperties(Map<String, EffectiveValue> values) {
        this.values = values;
    }

    /** Resolves from stored values: name to value; absent or blank means not set. */
    public static EffectiveProperties resolve(Map<String, String> stored) {
        Map<String, EffectiveValue> values = new LinkedHashMap<>();
        for (PropertyDef def : PropertyCatalog.all()) {
            String own = stored.get(def.name());
            values.put(def.name(), own == null || own.isBlank()
                    ? EffectiveValue.byDefault(def.defaultValue())
                    : EffectiveValue.set(own.trim()));
        }
        fallBack(values, POP3_SERVER, EMAIL_SERVER, values.get(EMAIL_SERVER).value());
        fallBack(values, POP3_USER, EMAIL_USER, localPart(values.get(EMAIL_USER).value()));
        fallBack(values, POP3_PASSWORD, EMAIL_PASSWORD, values.get(EMAIL_PASSWORD).value());
        if (values.get(POP3_PORT).origin() != EffectiveValue.Origin.SET) {
            boolean ssl = Boolean.parseBoolean(values.get(POP3_SECURE).value());
            values.put(POP3_PORT, EffectiveValue.byDefault(ssl ? POP3S_DEFAULT_PORT : POP3_DEFAULT_PORT));
        }
        return new EffectiveProperties(Map.copyOf(values));
    }

    public EffectiveValue get(String name) {
        EffectiveValue value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown property " + name);
        }
        return value;
    }

    public String text(String name) {
        return get(name).value();
    }

    public int integer(String name) {
        return Integer.parseInt(text(name));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(text(name));
    }

    public List<String> list(String name) {
        return PropertyType.splitList(text(name));
    }

    private static void fallBack(Map<String, EffectiveValue> values, String name, String from, String value) {
        if (values.get(name).origin() != EffectiveValue.Origin.SET && !value.isBlank()) {
            values.put(name, EffectiveValue.fallback(value, from));
        }
    }

    static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }
}
