package org.mailconsole.web.pages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailconsole.model.EmailAccount;

/**
 * Whether the outgoing server of System Properties > Email is the one in effect: it is only while
 * Default SMTP is the active SMTP account; otherwise the page says so and links to the active one.
 */
final class OutgoingInEffect {
    private OutgoingInEffect() {
    }

    static Map<String, Object> model(List<EmailAccount> accounts, Optional<EmailAccount> activeSmtp) {
        EmailAccount defaultSmtp = accounts.stream()
                .filter(a -> a.provisioned() == EmailAccount.Provisioned.DEFAULT_SMTP).findFirst().orElse(null);
        EmailAccount active = activeSmtp.orElse(null);
        Map<String, Object> model = new HashMap<>();
        model.put("outgoingOff", defaultSmtp != null && !defaultSmtp.active());
        model.put("defaultSmtpId", defaultSmtp == null ? "" : defaultSmtp.id().toString());
        model.put("activeSmtpId", active == null ? "" : active.id().toString());
        model.put("activeSmtpName", active == null ? "" : active.name());
        return model;
    }
}
