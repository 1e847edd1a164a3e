package org.mailconsole.console.diagnostics;

import org.mailconsole.mail.outbox.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import org.mailconsole.mail.live.InboundResults;
import org.mailconsole.mail.source.SendingSources;
import org.mailconsole.store.DatabaseFacts;

/**
 * The facts of Email Diagnostics (email-model.md section 6). Nothing here is a secret: no
 * password, token or key, and the database URL without its password. The Outbox's facts
 * ({@code sender}, {@code outbox}, {@code counts}) come from an {@link OutboxFacts}; null if it has none.
 * {@code delivery}: one row per outbound account in effect (none when sending is off).
 * {@code security} lists what weakens the console's own protection (its origin shared with the
 * webapps, a key file others may read); empty when nothing does.
 */
public record Diagnostics(
        Instant at,
        Outbound outbound,
        OutboxFacts.Sender sender,
        OutboxFacts.Outbox outbox,
        OutboxFacts.Counts counts,
        List<Delivery> delivery,
        List<SendingSources.Source> sources,
        Inbound inbound,
        DatabaseFacts.Facts database,
        boolean sharedMode,
        List<String> security) {

    /**
     * Outbound mail in effect.
     *
     * @param sending        whether a message handed to the shared session now goes to a server
     * @param reason         why not, when not sending; null otherwise
     * @param setting        the property or page that turns it back on ("glide.email.smtp.active", ...), or null
     * @param account        the active SMTP account (null when none) and its connection in effect
     * @param testAddresses  glide.email.test.user: when not empty, every message goes there instead
     * @param addressFilter  the outbound system address filter in effect, or null when none applies
     */
    public record Outbound(boolean sending, String reason, String setting, Connection account,
                           List<String> testAddresses, FilterRef addressFilter) {
    }

    /**
     * One account's connection in effect (no secret). Server, port and security are null when not set;
     * {@code secretExpiresOn} (yyyy-mm-dd) is a Graph account's secret or certificate expiry (null: not given, or
     * not Graph) and {@code expiryWarning} the warning from 30 days before it (null: none). Built by name
     * ({@link #builder()}).
     */
    public record Connection(Long id, String name, String type, String server, Integer port, String security,
                             String authentication, String userName, boolean provisioned,
                             String secretExpiresOn, String expiryWarning) {

        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link Connection} by name; what is not set is null (not provisioned). */
        public static final class Builder {
            private Long id;
            private String name;
            private String type;
            private String server;
            private Integer port;
            private String security;
            private String authentication;
            private String userName;
            private boolean provisioned;
            private String secretExpiresOn;
            private String expiryWarning;

            private Builder() {
            }

            public Builder account(Long accountId, String accountName) { id = accountId; name = accountName; return this; }
            public Builder type(String value) { type = value; return this; }
            public Builder server(String value) { server = value; return this; }
            public Builder port(Integer value) { port = value; return this; }
            public Builder security(String value) { security = value; return this; }
            public Builder authentication(String value) { authentication = value; return this; }
            public Builder userName(String value) { userName = value; return this; }
            public Builder provisioned(boolean value) { provisioned = value; return this; }
            public Builder secretExpiresOn(String value) { secretExpiresOn = value; return this; }
            public Builder expiryWarning(String value) { expiryWarning = value; return this; }

            public Connection build() {
                return new Connection(id, name, type, server, port, security, authentication, userName, provisioned,
                        secretExpiresOn, expiryWarning);
            }
        }
    }

    public record FilterRef(Long id, String name) {
    }

    /**
     * Delivery to one outbound account's relay (email-model.md section 7.2), as this node sees it now,
     * and {@code estimatedDrainSeconds}: the Outbox's size over the pace of the last minute; 0 when
     * empty, null when nothing left the Outbox in the last minute.
     */
    public record Delivery(DeliveryStatus now, Long estimatedDrainSeconds) {
    }

    /**
     * Inbound mail: receiving on or off, and each active POP3/IMAP account with its last connection
     * through the shared session (a webapp's store connect) and the result of the last "Check
     * connections" (each null when there was none since start).
     */
    public record Inbound(boolean receiving, String reason, List<InboundAccount> accounts) {
    }

    public record InboundAccount(Connection account, InboundResults.Result lastConnection, CheckResult lastCheck) {
    }

    /** One Test Connection run by "Check connections". */
    public record CheckResult(Long accountId, String name, boolean ok, String message, long elapsedMs, Instant at) {
    }
}
