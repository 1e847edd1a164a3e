package org.mailconsole.model;

import java.util.List;

/** One property of System Properties > Email: what it is, how it shows, what it accepts. */
public record PropertyDef(
        String name,
        String label,
        Section section,
        PropertyType type,
        List<String> choices,
        String defaultValue,
        String help) {

    public PropertyDef {
        choices = List.copyOf(choices);
    }

    public boolean secret() {
        return type == PropertyType.SECRET;
    }

    /**
     * Null when {@code value} may be stored for this property, else a message for the admin.
     * A blank value is always acceptable: it means "use the default" (or, for a secret, "not set").
     */
    public String validate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > PropertyType.MAX_LENGTH) {
            return "is too long (at most " + PropertyType.MAX_LENGTH + " characters)";
        }
        String wire = WireText.check(value);
        if (wire != null) {
            return wire;
        }
        return type.check(value.trim(), this);
    }
}
