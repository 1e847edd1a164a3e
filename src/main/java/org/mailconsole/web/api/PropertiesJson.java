package org.mailconsole.web.api;

import java.util.List;
import org.mailconsole.console.PropertiesDocument;

/** The body of GET and PATCH /api/v1/properties. */
public record PropertiesJson(long version, List<PropertyJson> properties) {
    static PropertiesJson of(PropertiesDocument document) {
        return new PropertiesJson(document.version(),
                document.properties().stream().map(PropertyJson::of).toList());
    }
}
