package org.mailconsole.console.diagnostics;

import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import org.mailconsole.mail.outbox.FallbackUse;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.SecretExpiry;
import org.mailconsole.model.PropertyCatalog;

/**
 * What the banner on every console page says: sending is off (and which setting turns it off), a
 * test address redirects all mail, or a fallback account sends instead of the account in effect.
 * Each is easy to miss in production.
 *
 * @param text    the sentence shown
 * @param setting the property (or page) that causes it, named in the banner
 * @param path    the console page that changes it, relative to the context path (with an anchor)
 */
public record Warnings(List<Warning> items) {
    public record Warning(String text, String setting, String path) {
    }

    /** With the Graph accounts whose secret or certificate expires within 30 days (or has expired). */
    static Warnings of(Diagnostics.Outbound outbound, List<EmailAccount> accounts, LocalDate today) {
        List<Warning> items = new ArrayList<>();
        for (EmailAccount account : accounts) {
            String expiry = today == null ? "" : SecretExpiry.warning(account, today);
            if (!expiry.isEmpty()) {
                items.add(new Warning(expiry, AccountField.GRAPH_SECRET_EXPIRES_ON.field(), "/accounts/" + account.id()));
            }
        }
        if (!outbound.sending()) {
            items.add(new Warning("Email sending is off: " + outbound.reason() + ". No message leaves.",
                    outbound.setting(), linkFor(outbound.setting())));
        }
        if (!outbound.testAddresses().isEmpty()) {
            items.add(new Warning("All outbound email goes to the test address " + String.join(", ",
                    outbound.testAddresses()) + " instead of its recipients.", PropertyCatalog.TEST_USER,
                    linkFor(PropertyCatalog.TEST_USER)));
        }
        return new Warnings(List.copyOf(items));
    }

    /** With "a fallback account is in use" (email-model.md section 7.3) when one is; else these. */
    Warnings withFallback(FallbackUse fallback) {
        if (fallback == null) {
            return this;
        }
        List<Warning> more = new ArrayList<>(items);
        more.add(new Warning("Outbound email goes through the " + fallback.describe() + ".",
                AccountField.FALLBACK_ACCOUNT_ID.field(), "/accounts/" + fallback.accountId()));
        return new Warnings(List.copyOf(more));
    }

    static String linkFor(String setting) {
        if (setting == null || !setting.startsWith("glide.")) {
            return "/accounts";
        }
        return "/properties/email#" + setting.replace('.', '-');
    }
}
