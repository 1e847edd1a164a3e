package org.mailconsole.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.GraphSecrets;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyType;
import org.mailconsole.model.ProvisionedAccounts;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.ConnectionTestResult;
import org.mailconsole.mail.connect.ConnectionTester;
import org.mailconsole.mail.connect.TestEmailResult;
import org.mailconsole.mail.connect.TestEmailSender;
import org.mailconsole.mail.graph.GraphConnectionTest;
import org.mailconsole.mail.graph.GraphTestEmail;
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
    private final GraphConnectionTest graph;
    private final GraphTestEmail graphEmail;
    private final Clock clock;

    public AccountConnections(AccountStore accounts, TranscriptStore transcripts, PropertiesService properties,
                              AccountAccessTokens tokens, LiveTestEmail live, GraphConnectionTest graph,
                              GraphTestEmail graphEmail, Clock clock) {
        this.graph = graph;
        this.graphEmail = graphEmail;
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
        if (stored.isGraph()) {
            ConnectionTestResult result = graph.test(stored.graph(), accounts.graphSecrets(id), stored.debugLogging());
            return new TestOutcome(result, keep(stored, "test", result.message(), result.transcript()));
        }
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
     * Test Connection of what a form holds, saved or not, without saving anything: {@code id} is the
     * stored account (null for a new one), {@code input} the form. A blank secret means the stored one;
     * a cleared one, none. OAuth 2.0 with the stored client uses the account's token cache; changed
     * OAuth 2.0 settings fetch a token that is kept nowhere. A built-in account tests its stored values.
     *
     * @throws ValidationException the form's fields are not valid (nothing was tested)
     */
    public TestOutcome testForm(Long id, AccountInput input) {
        EmailAccount stored = id == null ? null : accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
        if (stored != null && stored.isProvisioned()) {
            return test(id);
        }
        EmailAccount account = AccountValidator.check(input, stored);
        List<FieldError> moved = StoredSecretRule.check(stored, account, input);
        if (!moved.isEmpty()) {
            throw new ValidationException(moved); // nothing is sent to a server the stored secrets were not saved for
        }
        if (account.isGraph()) {
            GraphSecrets kept = stored == null || !stored.isGraph() ? GraphSecrets.NONE : accounts.graphSecrets(stored.id());
            GraphSecrets typed = new GraphSecrets(secret(input, AccountSecret.GRAPH_CLIENT_SECRET, kept.clientSecret()),
                    secret(input, AccountSecret.GRAPH_CERTIFICATE, kept.certificatePem()),
                    secret(input, AccountSecret.GRAPH_PRIVATE_KEY, kept.privateKeyPem()));
            // the form's own debug logging choice is not yet saved: a transcript is kept for a saved account that has it
            boolean record = stored != null && stored.debugLogging();
            ConnectionTestResult result = graph.test(account.graph(), typed, record);
            return new TestOutcome(result, record ? keep(stored, "test", result.message(), result.transcript()) : null);
        }
        AccountSecrets saved = stored == null ? AccountSecrets.NONE : accounts.secrets(stored.id());
        String password = secret(input, AccountSecret.PASSWORD, saved.password());
        String clientSecret = secret(input, AccountSecret.CLIENT_SECRET, saved.clientSecret());
        String refreshToken = secret(input, AccountSecret.REFRESH_TOKEN, saved.refreshToken());
        List<String> redact = new ArrayList<>(List.of(nonNull(password), nonNull(clientSecret), nonNull(refreshToken),
                nonNull(saved.accessToken())));
        long start = System.nanoTime();
        boolean storedClient = stored != null && stored.authentication() == Authentication.OAUTH2
                && Objects.equals(stored.oauth2(), account.oauth2()) && Objects.equals(clientSecret, saved.clientSecret())
                && Objects.equals(refreshToken, saved.refreshToken());
        String accessToken = null;
        String note = "";
        if (account.authentication() == Authentication.OAUTH2) {
            Duration timeout = Duration.ofMillis((long) properties.effective().integer(
                    PropertyCatalog.SMTP_CONNECT_TIMEOUT)
                    + properties.effective().integer(PropertyCatalog.SMTP_READ_TIMEOUT));
            try {
                OAuth2Tokens.Token token = storedClient ? tokens.current(stored, timeout)
                        : tokens.unsaved(new OAuth2Tokens.Request(account.oauth2().tokenUrl(), account.oauth2().clientId(),
                        clientSecret, account.oauth2().scope(), refreshToken, timeout));
                accessToken = token.accessToken();
                redact.add(nonNull(token.accessToken()));
                redact.add(nonNull(token.rotatedRefreshToken()));
                if (!storedClient && token.rotatedRefreshToken() != null) {
                    note = " The token endpoint replaced the refresh token; the new one was not kept because nothing "
                            + "was saved: paste a fresh refresh token when you save.";
                }
            } catch (OAuth2Exception e) {
                return new TestOutcome(new ConnectionTestResult(false, e.getMessage(),
                        (System.nanoTime() - start) / 1_000_000, null), null);
            }
        }
        AccountSecrets secrets = new AccountSecrets(password, clientSecret, refreshToken, accessToken, null);
        ActiveConnections.Effective connection = ActiveConnections.effective(properties.effective(), account, a -> secrets);
        if (!connection.usable()) {
            return new TestOutcome(new ConnectionTestResult(false, connection.reason(),
                    (System.nanoTime() - start) / 1_000_000, null), null);
        }
        boolean record = stored != null && stored.debugLogging();
        ConnectionTestResult result = ConnectionTester.test(connection.settings(), account.folder(), record, clean(redact));
        if (storedClient) {
            forgetRefusedToken(stored, connection.settings(), result.ok());
        }
        if (!note.isEmpty()) {
            result = new ConnectionTestResult(result.ok(), result.message() + note, result.elapsedMs(), result.transcript());
        }
        return new TestOutcome(result, stored == null ? null : keep(stored, "test", result.message(), result.transcript()));
    }

    /** The secret a form means: typed wins, a cleared one is none, one left out (a blank box) is the stored one. */
    private static String secret(AccountInput input, AccountSecret secret, String stored) {
        if (!input.secrets().containsKey(secret)) {
            return stored;
        }
        String typed = input.secrets().get(secret);
        return typed == null || typed.isEmpty() ? null : typed; // as a save reads it: given blank clears
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /**
     * Sends a test email through an SMTP or Microsoft Graph account, or, when {@code accountId} is null, through the
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
            } else if (!stored.type().outbound()) {
                errors.add(new FieldError("accountId", "is not an outbound account (SMTP or Microsoft Graph)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (accountId == null) {
            return sendThroughLiveSession(to.trim());
        }
        if (stored.isGraph()) {
            String from = stored.fromAddress() != null ? stored.fromAddress() : stored.graph().mailbox();
            GraphTestEmail.Result sent = graphEmail.send(stored.id(), stored.graph(), from, stored.displayName(),
                    to.trim(), stored.debugLogging());
            return new EmailOutcome(new TestEmailResult(sent.ok(), sent.message(), sent.reply(), null),
                    sent.transcriptId());
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

    /** Clear on the account's debug log: deletes its kept transcripts; how many there were. */
    public int clearTranscripts(long accountId, String actor) {
        EmailAccount account = accounts.find(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
        int cleared = transcripts.clear(accountId, count -> List.of(new AuditEntry(clock.instant(), actor,
                AccountsService.subject(account.name()), "debugLog", count + " transcript(s)", "cleared")));
        System.getLogger(AccountConnections.class.getName()).log(System.Logger.Level.INFO,
                "{0} cleared the debug log of account {1} ({2} transcript(s))", actor, accountId, cleared);
        return cleared;
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
