package org.mailconsole.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.mailconsole.console.PropertyView;

/** A property as GET /api/v1/properties shows it (api.md). Secrets: value and effective are null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PropertyJson(
        String name, String label, String section, String type, List<String> choices,
        @JsonProperty("default") String defaultValue,
        String value, String effective, String effectiveFrom, boolean secret, boolean set, String help) {

    static PropertyJson of(PropertyView view) {
        var def = view.def();
        return new PropertyJson(def.name(), def.label(), def.section().title(), def.type().apiName(),
                def.choices(), def.defaultValue(), view.value(), view.effective(), view.effectiveFrom(),
                def.secret(), view.set(), def.help());
    }
}
