package org.mailconsole.mail.live;

import jakarta.mail.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.mail.filter.FilterChoice;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.AddressFilterStore;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.oauth.AccountAccessTokens;
import org.mailconsole.mail.oauth.OAuth2Exception;

/**
 * The {@link LiveConfigSource} of the product: System Properties > Email plus the email accounts,
 * through {@link ActiveConnections} (email-model.md section 4). Outbound mail uses the active SMTP
 * account ("Default SMTP" = the properties); stores use the active POP3/IMAP accounts. The version
 * moves with every change of the properties or of any account.
 */
public final class StoredConfigSource implements LiveConfigSource {
    private static final System.Logger LOG = System.getLogger(StoredConfigSource.class.getName());

    private final PropertyStore properties;
    private final AccountStore accounts;
    private final AccountAccessTokens tokens;
    private final TranscriptStore transcripts;
    private final AddressFilterStore filters;

    public StoredConfigSource(PropertyStore properties, AccountStore accounts, AccountAccessTokens tokens,
                              TranscriptStore transcripts, AddressFilterStore filters) {
        this.properties = properties;
        this.accounts = accounts;
        this.tokens = tokens;
        this.transcripts = transcripts;
        this.filters = filters;
    }

    @Override
    public long version() {
        // the counters only grow, so their sum moves whenever one does
        return properties.version() + accounts.version() + filters.version();
    }

    @Override
    public OutboundConfig outbound() {
        EffectiveProperties p = effectiveProperties();
        List<EmailAccount> all = accounts.list();
        ActiveConnections.Effective out = ActiveConnections.outbound(p, all, this::secretsOf);
        String accountName = out.account() == null ? null : out.account().name();
        if (!out.usable()) {
            return OutboundConfig.skipped(out.reason(), accountName);
        }
        return sendingWith(p, out).withFallback(fallbackOf(p, out.account(), all));
    }

    /**
     * The fallback account the one in effect names (email-model.md section 7.3), when it is an
     * outbound account that can send; null otherwise (the primary's own failures then stand).
     */
    private OutboundConfig fallbackOf(EffectiveProperties p, EmailAccount primary, List<EmailAccount> all) {
        if (primary.fallbackAccountId() == null) {
            return null;
        }
        for (EmailAccount account : all) {
            if (account.id().equals(primary.fallbackAccountId()) && account.type().outbound()) {
                ActiveConnections.Effective fallback = ActiveConnections.effective(p, account, this::secretsOf);
                return fallback.usable() ? sendingWith(p, fallback) : null;
            }
        }
        return null;
    }

    /** What messages go out with through this usable outbound account. */
    private OutboundConfig sendingWith(EffectiveProperties p, ActiveConnections.Effective out) {
        EmailAccount account = out.account();
        String from = account.fromAddress() != null ? account.fromAddress()
                : account.isGraph() ? account.graph().mailbox() : account.userName();
        return OutboundConfig.builder()
                .accountName(account.name())
                .account(connection(out))
                .fromAddress(from == null ? "" : from)
                .displayName(account.displayName() == null ? "" : account.displayName())
                .testRecipients(p.list(PropertyCatalog.TEST_USER))
                .maxRecipients(p.integer(PropertyCatalog.MAX_RECIPIENTS))
                .maxSend(p.integer(PropertyCatalog.MAX_SEND))
                .precedenceBulk(p.flag(PropertyCatalog.PRECEDENCE_BULK))
                .addressFilter(FilterChoice.inEffect(account.addressFilterId(), FilterDirection.OUTBOUND,
                        filters.list()).orElse(null))
                .maxConnections(account.maxConnections())
                .rateLimits(account.rateLimits())
                .build();
    }

    @Override
    public DeliveryRules deliveryRules() {
        return DeliveryRules.of(effectiveProperties());
    }

    @Override
    public InboundConfig inbound() {
        EffectiveProperties p = effectiveProperties();
        if (!p.flag(PropertyCatalog.READING_ACTIVE)) {
            return InboundConfig.refused("email receiving is disabled (" + PropertyCatalog.READING_ACTIVE + " is false)");
        }
        List<AccountConnection> usable = ActiveConnections.inbound(p, accounts.list(), this::secretsOf).stream()
                .filter(ActiveConnections.Effective::usable)
                .map(StoredConfigSource::connection)
                .toList();
        return new InboundConfig(null, usable);
    }

    private static AccountConnection connection(ActiveConnections.Effective effective) {
        EmailAccount account = effective.account();
        return new AccountConnection(account.id(), account.debugLogging(), effective.settings(),
                account.isGraph() ? account.graph() : null);
    }

    /** For OAuth 2.0, the settings with the account's current token; a token endpoint failure fails the connect. */
    @Override
    public ConnectionSettings forConnect(AccountConnection connection) {
        ConnectionSettings settings = connection.settings();
        if (settings == null || settings.authentication() != Authentication.OAUTH2 || connection.accountId() == null) {
            return settings;
        }
        EmailAccount account = accounts.find(connection.accountId()).orElse(null);
        if (account == null) {
            return settings;
        }
        try {
            Duration timeout = Duration.ofMillis((long) settings.connectTimeoutMs() + settings.readTimeoutMs());
            return settings.withSecret(tokens.current(account, timeout).accessToken());
        } catch (OAuth2Exception e) {
            LOG.log(System.Logger.Level.WARNING, "no OAuth 2.0 token for \"{0}\": {1}", account.name(), e.getMessage());
            throw new IllegalStateException("no OAuth 2.0 access token for \"" + account.name() + "\": "
                    + e.getMessage(), e);
        }
    }

    /** An OAuth 2.0 token the server refused is dropped (as Keycloak's clients do), so one retry fetches a new one. */
    @Override
    public boolean loginRejected(AccountConnection connection, ConnectionSettings used) {
        if (used == null || used.authentication() != Authentication.OAUTH2 || connection.accountId() == null) {
            return false;
        }
        tokens.rejected(connection.accountId(), used.secret());
        return true;
    }

    @Override
    public LiveTranscript startTranscript(AccountConnection connection, Session session, String kind,
                                          Collection<String> extraSecrets) {
        if (!connection.recorded() || connection.accountId() == null) {
            return null;
        }
        List<String> redact = new ArrayList<>(extraSecrets);
        if (connection.settings() != null) {
            redact.add(connection.settings().secret());
        }
        AccountSecrets own = accounts.secrets(connection.accountId());
        redact.addAll(Arrays.asList(own.password(), own.clientSecret(), own.refreshToken(), own.accessToken()));
        return LiveTranscript.start(session, connection.accountId(), kind, redact, transcripts);
    }

    private AccountSecrets secretsOf(EmailAccount account) {
        return account.isProvisioned() ? AccountSecrets.NONE : accounts.secrets(account.id());
    }

    private EffectiveProperties effectiveProperties() {
        return EffectiveProperties.resolve(properties.load().values());
    }
}
