package org.mailconsole.web.pages;

import java.util.List;
import java.util.Map;
import org.mailconsole.model.EmailAccount;

/** The account form's choice of fallback account: every other outbound account (email-model.md section 7.3). */
final class FallbackOptions {
    private FallbackOptions() {
    }

    /** @param account the account the form shows; null for a new one */
    static List<Map<String, String>> of(List<EmailAccount> accounts, EmailAccount account) {
        return accounts.stream()
                .filter(a -> a.type().outbound() && (account == null || !a.id().equals(account.id())))
                .map(a -> Map.of("id", a.id().toString(), "label", a.name() + (a.isGraph() ? " (Microsoft Graph)" : "")
                        + (a.active() ? " (active)" : "")))
                .toList();
    }
}
