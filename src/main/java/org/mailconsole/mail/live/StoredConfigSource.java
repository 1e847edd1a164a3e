package org.mailconsole.mail.live;

import jakarta.mail.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.oauth.AccountAccessTokens;
import org.mailconsole.mail.oauth.OAuth2Exception;
import org.mailconsole.store.StoredProperties;

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
    private final SecretBox secrets;
    private final AccountAccessTokens tokens;
    private final TranscriptStore transcripts;
    /** Which account settings given out belong to, for {@link #forConnect} and transcripts. */
    private final Map<ConnectionSettings, EmailAccount> owners = new ConcurrentHashMap<>();

    public StoredConfigSource(PropertyStore properties, AccountStore accounts, SecretBox secrets,
                                 AccountAccessTokens tokens, TranscriptStore transcripts) {
        this.properties = properties;
        this.accounts = accounts;
        this.secrets = secrets;
        this.tokens = tokens;
        this.transcripts = transcripts;
    }

    @Override
    public long version() {
        // both counters only grow, so their sum moves whenever either does
        return properties.version() + accounts.version();
    }

    @Override
    public OutboundConfig outbound() {
        EffectiveProperties p = effectiveProperties();
        ActiveConnections.Effective out = ActiveConnections.outbound(p, accounts.list(), this::secretsOf);
        String accountName = out.account() == null ? null : out.account().name();
        if (!out.usable()) {
            return OutboundConfig.skipped(out.reason(), accountName);
        }
        EmailAccount account = out.account();
        remember(account, out.settings());
        String from = account.fromAddress() != null ? account.fromAddress() : account.userName();
        return new OutboundConfig(null, accountName, out.settings(), from == null ? "" : from,
                account.displayName() == null ? "" : account.displayName(),
                p.list(PropertyCatalog.TEST_USER), p.integer(PropertyCatalog.MAX_RECIPIENTS),
                p.integer(PropertyCatalog.MAX_SEND), p.flag(PropertyCatalog.PRECEDENCE_BULK), account.id());
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
        List<ConnectionSettings> usable = ActiveConnections.inbound(p, accounts.list(), this::secretsOf).stream()
                .filter(ActiveConnections.Effective::usable)
                .peek(e -> remember(e.account(), e.settings()))
                .map(ActiveConnections.Effective::settings)
                .toList();
        return new InboundConfig(null, usable);
    }

    /** For OAuth 2.0, the settings with a current access token; a token endpoint failure fails the connect. */
    @Override
    public ConnectionSettings forConnect(ConnectionSettings settings) {
        if (settings.authentication() != Authentication.OAUTH2) {
            return settings;
        }
        EmailAccount owner = owners.get(settings);
        EmailAccount account = owner == null ? null : accounts.find(owner.id()).orElse(null);
        if (account == null) {
            return settings;
        }
        try {
            Duration timeout = Duration.ofMillis((long) settings.connectTimeoutMs() + settings.readTimeoutMs());
            return settings.withSecret(tokens.current(account, accounts.secrets(account.id()), timeout).accessToken());
        } catch (OAuth2Exception e) {
            LOG.log(System.Logger.Level.WARNING, "no OAuth 2.0 token for \"{0}\": {1}", account.name(), e.getMessage());
            throw new IllegalStateException("no OAuth 2.0 access token for \"" + account.name() + "\": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean records(ConnectionSettings settings) {
        EmailAccount owner = owners.get(settings);
        return owner != null && owner.debugLogging();
    }

    @Override
    public LiveTranscript startTranscript(ConnectionSettings settings, Session session, String kind,
                                          Collection<String> extraSecrets) {
        EmailAccount owner = owners.get(settings);
        if (owner == null || !owner.debugLogging()) {
            return null;
        }
        List<String> redact = new ArrayList<>(extraSecrets);
        redact.add(settings.secret());
        AccountSecrets own = secretsOf(owner);
        redact.addAll(Arrays.asList(own.password(), own.clientSecret(), own.refreshToken(), own.accessToken()));
        return LiveTranscript.start(session, owner.id(), kind, redact, transcripts);
    }

    private void remember(EmailAccount account, ConnectionSettings settings) {
        if (account.id() != null) {
            if (owners.size() > 100) {
                owners.clear(); // only the latest settings matter; old ones are never asked for again
            }
            owners.put(settings, account);
        }
    }

    private AccountSecrets secretsOf(EmailAccount account) {
        return account.isProvisioned() ? AccountSecrets.NONE : accounts.secrets(account.id());
    }

    private EffectiveProperties effectiveProperties() {
        return StoredProperties.effective(properties.load().values(), secrets);
    }
}
