package org.mailconsole.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.PropertyType;
import org.mailconsole.model.Protocol;
import org.mailconsole.model.ProvisionedAccounts;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.ConnectionTestResult;
import org.mailconsole.mail.connect.ConnectionTester;
import org.mailconsole.mail.connect.TestEmailResult;
import org.mailconsole.mail.connect.TestEmailSender;
import org.mailconsole.mail.live.ActiveConnections;
import org.mailconsole.mail.oauth.AccountAccessTokens;
import org.mailconsole.mail.oauth.OAuth2Exception;
import org.mailconsole.mail.oauth.OAuth2Tokens;

/**
 * Connections of accounts: Test Connection and Send test email, with fresh OAuth 2.0 tokens
 * (rotated refresh tokens stored) and, for accounts with debug logging on, the redacted transcript kept.
 */
public final class AccountConnections {
    private final AccountStore accounts;
    private final TranscriptStore transcripts;
    private final PropertiesService properties;
    private final AccountAccessTokens tokens;
    private final LiveTestEmail live;
    private final Clock clock;

    public AccountConnections(AccountStore accounts, TranscriptStore transcripts, PropertiesService properties,
                              AccountAccessTokens tokens, LiveTestEmail live, Clock clock) {
        this.accounts = accounts;
        this.transcripts = transcripts;
        this.properties = properties;
        this.tokens = tokens;
        this.live = live;
        this.clock = clock;
    }

    /** The result of a test, and the id of its kept transcript (null when debug logging is off). */
    public record TestOutcome(ConnectionTestResult result, Long transcriptId) {
    }

    /** The result of a test email, and the id of its kept transcript (null when debug logging is off). */
    public record EmailOutcome(TestEmailResult result, Long transcriptId) {
    }

    public TestOutcome test(long id) {
        EmailAccount stored = accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
        long start = System.nanoTime();
        Prepared prepared = prepare(stored);
        if (prepared.problem() != null) {
            ConnectionTestResult result = new ConnectionTestResult(false, prepared.problem(),
                    (System.nanoTime() - start) / 1_000_000, null);
            return new TestOutcome(result, keep(stored, "test", result.message(), prepared.problem()));
        }
        ConnectionTestResult result = ConnectionTester.test(prepared.settings(), prepared.account().folder(),
                stored.debugLogging(), prepared.redact());
        forgetRefusedToken(stored, prepared.settings(), result.ok());
        return new TestOutcome(result, keep(stored, "test", result.message(), result.transcript()));
    }

    /**
     * Sends a test email through an SMTP account, or, when {@code accountId} is null, through the
     * live shared session like every webapp's mail (its policy included: a test address set in
     * glide.email.test.user receives it instead).
     *
     * @throws ValidationException when the address or the account is not usable for this
     */
    public EmailOutcome sendTestEmail(Long accountId, String to) {
        List<FieldError> errors = new ArrayList<>();
        if (to == null || to.isBlank()) {
            errors.add(new FieldError("to", "is required"));
        } else if (PropertyType.checkAddress(to.trim()) != null) {
            errors.add(new FieldError("to", PropertyType.checkAddress(to.trim())));
        }
        EmailAccount stored = null;
        if (accountId != null) {
            stored = accounts.find(accountId).orElse(null);
            if (stored == null) {
                errors.add(new FieldError("accountId", "is not the id of an email account"));
            } else if (stored.type() != Protocol.SMTP) {
                errors.add(new FieldError("accountId", "is not an SMTP account"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (accountId == null) {
            return sendThroughLiveSession(to.trim());
        }
        Prepared prepared = prepare(stored);
        if (prepared.problem() != null) {
            return new EmailOutcome(new TestEmailResult(false, prepared.problem(), null, null),
                    keep(stored, "test email", prepared.problem(), prepared.problem()));
        }
        EmailAccount account = prepared.account();
        String from = account.fromAddress() != null ? account.fromAddress() : account.userName();
        if (from == null || PropertyType.checkAddress(from) != null) {
            String message = "\"" + account.name() + "\" has no From address (set From address, or a user name "
                    + "that is an email address)";
            return new EmailOutcome(new TestEmailResult(false, message, null, null), null);
        }
        TestEmailResult result = TestEmailSender.send(prepared.settings(), from, account.displayName(), to.trim(),
                stored.debugLogging(), prepared.redact());
        forgetRefusedToken(stored, prepared.settings(), result.ok());
        return new EmailOutcome(result, keep(stored, "test email", result.message(), result.transcript()));
    }

    /**
     * Without an account: exactly the path of every webapp's mail (the live session and its policy).
     * With sending off or no account that can send, the Outbox logs it as Skipped with the reason.
     */
    private EmailOutcome sendThroughLiveSession(String to) {
        LiveTestEmail.Result result = live.send(to);
        return new EmailOutcome(new TestEmailResult(result.ok(), result.message(), result.reply(), null), null);
    }

    public List<TranscriptEntry> transcripts(long accountId) {
        return transcripts.list(accountId);
    }

    private record Prepared(EmailAccount account, ConnectionSettings settings, List<String> redact, String problem) {
    }

    /** The account's connection with a usable secret (a fresh access token for OAuth 2.0), or the problem. */
    private Prepared prepare(EmailAccount stored) {
        EffectiveProperties effective = properties.effective();
        AccountSecrets secrets = stored.isProvisioned() ? AccountSecrets.NONE : accounts.secrets(stored.id());
        List<String> redact = new ArrayList<>();
        redact.add(secrets.password());
        redact.add(secrets.clientSecret());
        redact.add(secrets.refreshToken());
        redact.add(secrets.accessToken());
        redact.add(ProvisionedAccounts.password(effective, stored));
        ActiveConnections.Effective connection = ActiveConnections.effective(effective, stored, a -> secrets);
        if (!connection.usable()) {
            return new Prepared(connection.account(), null, clean(redact), connection.reason());
        }
        ConnectionSettings settings = connection.settings();
        if (connection.account().authentication() == Authentication.OAUTH2) {
            try {
                OAuth2Tokens.Token token = tokens.current(stored,
                        Duration.ofMillis((long) settings.connectTimeoutMs() + settings.readTimeoutMs()));
                redact.add(token.accessToken());
                redact.add(token.rotatedRefreshToken());
                settings = settings.withSecret(token.accessToken());
            } catch (OAuth2Exception e) {
                return new Prepared(connection.account(), null, clean(redact), e.getMessage());
            }
        }
        return new Prepared(connection.account(), settings, clean(redact), null);
    }

    /** After a failed OAuth 2.0 connection the token is dropped: the next attempt fetches a new one. */
    private void forgetRefusedToken(EmailAccount stored, ConnectionSettings used, boolean ok) {
        if (!ok && used.authentication() == Authentication.OAUTH2) {
            tokens.rejected(stored.id(), used.secret());
        }
    }

    private static List<String> clean(List<String> values) {
        return values.stream().filter(Objects::nonNull).filter(v -> !v.isEmpty()).toList();
    }

    private Long keep(EmailAccount account, String kind, String outcome, String transcript) {
        if (!account.debugLogging() || transcript == null) {
            return null;
        }
        return transcripts.add(new TranscriptEntry(0, account.id(), clock.instant(), kind, outcome, transcript));
    }
}
