package org.mailconsole.mail.live;

import java.util.List;
import java.util.Optional;

/**
 * What the shared session's stores connect to right now (email-model.md section 4, inbound).
 *
 * @param refusal  null when receiving is possible; otherwise the message a store connect fails with
 * @param accounts the active POP3/IMAP accounts' connections, in order of preference
 */
public record InboundConfig(String refusal, List<AccountConnection> accounts) {

    public InboundConfig {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public static InboundConfig refused(String refusal) {
        return new InboundConfig(refusal, List.of());
    }

    /** The first account speaking {@code protocol} ("pop3", "imap"; null or blank: any). */
    public Optional<AccountConnection> forProtocol(String protocol) {
        return accounts.stream()
                .filter(a -> protocol == null || protocol.isBlank()
                        || a.settings().protocol().mailName().equals(protocol.replaceFirst("s$", "")))
                .findFirst();
    }
}
