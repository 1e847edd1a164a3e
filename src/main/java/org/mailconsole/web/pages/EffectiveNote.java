package org.mailconsole.web.pages;

import org.mailconsole.console.PropertyView;
import org.mailconsole.model.PropertyCatalog;

/** The "value in effect" line beside a property that is blank, so the admin never works it out. */
final class EffectiveNote {
    private EffectiveNote() {
    }

    static String of(PropertyView view) {
        if (view.set()) {
            return null;
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
