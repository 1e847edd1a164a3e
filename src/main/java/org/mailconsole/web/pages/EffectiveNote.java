package org.mailconsole.web.pages;

import org.mailconsole.console.PropertyView;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyType;

/** The "value in effect" line beside a property that is blank, so the admin never works it out. */
final class EffectiveNote {
    private EffectiveNote() {
    }

    static String of(PropertyView view) {
        PropertyType type = view.def().type();
        if (view.set() || type == PropertyType.BOOLEAN || type == PropertyType.CHOICE) {
            return null; // a check box or a select shows its value in effect itself
        }
        if (view.def().secret()) {
            return view.effectiveFrom() != null
                    ? "blank: using the password from " + view.effectiveFrom()
                    : "blank: no password set";
        }
        if (view.effectiveFrom() != null) {
            return "blank: using " + view.effective() + " from " + view.effectiveFrom();
        }
        if (view.name().equals(PropertyCatalog.EMAIL_SERVER)) {
            return "blank: outgoing mail is disabled";
        }
        if (view.effective() == null || view.effective().isEmpty()) {
            return null;
        }
        return "blank: using the default, " + view.effective();
    }
}
