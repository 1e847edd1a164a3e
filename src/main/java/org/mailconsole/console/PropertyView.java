package org.mailconsole.console;

import org.mailconsole.model.PropertyDef;

/**
 * A property as the page and the API show it. Never carries a secret's value:
 * for secrets {@code value} and {@code effective} are null and {@code set} tells
 * whether one is stored.
 *
 * @param value         the stored value, or null when at the default (always null for secrets)
 * @param effective     the value in force after defaults and fallbacks (null for secrets)
 * @param effectiveFrom the property the value in force was taken from, when it is a fallback
 * @param effectiveSet  for secrets: whether a value is in force (own or fallback)
 */
public record PropertyView(PropertyDef def, String value, String effective, String effectiveFrom,
                           boolean set, boolean effectiveSet) {

    public String name() {
        return def.name();
    }
}
