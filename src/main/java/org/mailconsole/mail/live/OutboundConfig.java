package org.mailconsole.mail.live;

import java.util.List;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.filter.AddressFilter;

/**
 * What the shared session sends with right now (email-model.md section 4, outbound), and the
 * policy applied to every message; built by name ({@link #builder()}).
 *
 * @param skipReason     null when sending is possible; otherwise why every message is skipped
 *                       (sending off, no active SMTP account, blank server)
 * @param accountName    the SMTP account in effect ("Default SMTP" when it comes from the properties)
 * @param account        the account's connection (how to reach the server); null when skipped
 * @param fromAddress    From for messages that have none; may be blank
 * @param displayName    display name of that From; may be blank
 * @param testRecipients when not empty, every message goes to these addresses instead
 * @param maxRecipients  envelope recipients per message; more are split into several sends
 * @param maxSend        messages per SMTP connection before a new one is opened
 * @param precedenceBulk add "Precedence: bulk"
 * @param addressFilter  the outbound system address filter in effect (the SMTP account's, else the
 *                       active default); null when none applies
 * @param maxConnections the account's Connections: at most this many connections to its relay at once
 * @param rateLimits     the account's messages per minute and recipients per day (never null)
 * @param fallback       what its fallback account sends with (section 7.3), itself without a fallback;
 *                       null when it names none or the one it names cannot send
 */
public record OutboundConfig(
        String skipReason,
        String accountName,
        AccountConnection account,
        String fromAddress,
        String displayName,
        List<String> testRecipients,
        int maxRecipients,
        int maxSend,
        boolean precedenceBulk,
        AddressFilter addressFilter,
        int maxConnections,
        RateLimits rateLimits,
        OutboundConfig fallback) {

    /** With its fallback account's configuration (section 7.3); a fallback's own fallback is not followed. */
    public OutboundConfig withFallback(OutboundConfig other) {
        OutboundConfig own = other == null ? null : other.toBuilder().fallback(null).build();
        return toBuilder().fallback(own).build();
    }

    public OutboundConfig {
        testRecipients = testRecipients == null ? List.of() : List.copyOf(testRecipients);
        maxRecipients = Math.max(1, maxRecipients);
        maxSend = Math.max(1, maxSend);
        maxConnections = MaxConnections.clamp(maxConnections);
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    public static OutboundConfig skipped(String reason, String accountName) {
        return builder().skipReason(reason).accountName(accountName).fromAddress("").displayName("").maxRecipients(1)
                .maxSend(1).build();
    }

    public boolean sending() {
        return skipReason == null;
    }

    /** The id of the SMTP account in effect; null when skipped or unknown. */
    public Long accountId() {
        return account == null ? null : account.accountId();
    }

    /** A Microsoft Graph account's settings when the account in effect sends through Graph; else null. */
    public org.mailconsole.model.GraphClient graph() {
        return account == null ? null : account.graph();
    }

    /** How to reach the server; null when skipped or for a Graph account. */
    public ConnectionSettings connection() {
        return account == null ? null : account.settings();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().skipReason(skipReason).accountName(accountName).account(account).fromAddress(fromAddress)
                .displayName(displayName).testRecipients(testRecipients).maxRecipients(maxRecipients).maxSend(maxSend)
                .precedenceBulk(precedenceBulk).addressFilter(addressFilter).maxConnections(maxConnections)
                .rateLimits(rateLimits).fallback(fallback);
    }

    /**
     * Builds an {@link OutboundConfig} by name; unless set, no test recipients, no address filter,
     * Connections its default, no rate limits and no fallback.
     */
    public static final class Builder {
        private String skipReason;
        private String accountName;
        private AccountConnection account;
        private String fromAddress;
        private String displayName;
        private List<String> testRecipients = List.of();
        private int maxRecipients;
        private int maxSend;
        private boolean precedenceBulk;
        private AddressFilter addressFilter;
        private int maxConnections = MaxConnections.DEFAULT;
        private RateLimits rateLimits = RateLimits.NONE;
        private OutboundConfig fallback;

        private Builder() {
        }

        public Builder skipReason(String value) { skipReason = value; return this; }
        public Builder accountName(String value) { accountName = value; return this; }
        public Builder account(AccountConnection value) { account = value; return this; }
        public Builder fromAddress(String value) { fromAddress = value; return this; }
        public Builder displayName(String value) { displayName = value; return this; }
        public Builder testRecipients(List<String> value) { testRecipients = value; return this; }
        public Builder maxRecipients(int value) { maxRecipients = value; return this; }
        public Builder maxSend(int value) { maxSend = value; return this; }
        public Builder precedenceBulk(boolean value) { precedenceBulk = value; return this; }
        public Builder addressFilter(AddressFilter value) { addressFilter = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder rateLimits(RateLimits value) { rateLimits = value; return this; }
        public Builder fallback(OutboundConfig value) { fallback = value; return this; }

        public OutboundConfig build() {
            return new OutboundConfig(skipReason, accountName, account, fromAddress, displayName, testRecipients,
                    maxRecipients, maxSend, precedenceBulk, addressFilter, maxConnections, rateLimits, fallback);
        }
    }
}
