package org.mailconsole.console;

import java.util.List;

/** All properties at one version, as shown to the admin. */
public record PropertiesDocument(long version, List<PropertyView> properties) {
}
