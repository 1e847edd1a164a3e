package org.mailconsole.model;

/**
 * The value of a property in force, and where it came from.
 *
 * @param value  the value in force ("" when none)
 * @param origin whether it was set, defaulted, or taken from another property
 * @param from   for {@link Origin#FALLBACK}, the property it was taken from; else null
 */
public record EffectiveValue(String value, Origin origin, String from) {
    public enum Origin { SET, DEFAULT, FALLBACK }

    public static EffectiveValue set(String value) {
        return new EffectiveValue(value, Origin.SET, null);
    }

    public static EffectiveValue byDefault(String value) {
        return new EffectiveValue(value, Origin.DEFAULT, null);
    }

    public static EffectiveValue fallback(String value, String from) {
        return new EffectiveValue(value, Origin.FALLBACK, from);
    }

    public boolean isBlank() {
        return value.isBlank();
    }
}
