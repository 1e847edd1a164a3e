package org.mailconsole.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.mailconsole.model.filter.AddressFilter;

/** A system address filter as the API shows it. */
public record AddressFilterJson(Long id, String name, String direction, boolean active,
                                @JsonProperty("isDefault") boolean isDefault, List<ListJson> lists, long version) {

    public record ListJson(String type, List<String> domains, List<String> exceptions) {
    }

    public record ListOfFilters(List<AddressFilterJson> filters) {
    }

    static AddressFilterJson of(AddressFilter f) {
        return new AddressFilterJson(f.id(), f.name(), f.direction().code(), f.active(), f.isDefault(),
                f.lists().stream().map(l -> new ListJson(l.type().code(), l.domains(), l.exceptions())).toList(),
                f.version());
    }
}
