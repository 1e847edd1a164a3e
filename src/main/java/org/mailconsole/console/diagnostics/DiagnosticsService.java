package org.mailconsole.console.diagnostics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.mailconsole.crypto.KeyFile;
import org.mailconsole.mail.connect.ConnectionTestResult;
import org.mailconsole.mail.filter.FilterChoice;
import org.mailconsole.mail.live.ActiveConnections;
import org.mailconsole.mail.live.InboundResults;
import org.mailconsole.mail.outbox.DeliveryStatus;
import org.mailconsole.mail.source.SendingSources;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.SecretExpiry;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.AddressFilterStore;
import org.mailconsole.store.Database;
import org.mailconsole.store.DatabaseFacts;
import org.mailconsole.store.StorageSettingsResolver;

/**
 * Email Diagnostics (email-model.md section 6): the facts that answer "is mail working, and if
 * not, why", the page banner's warnings, and "Check connections" (Test Connection on every active
 * account at once, bounded by the timeouts). The Outbox's facts come from an {@link OutboxFacts}.
 */
public final class DiagnosticsService {
    /** The page that makes an SMTP account active; named when no account is. */
    static final String ACCOUNTS_SETTING = "Email Accounts (the active SMTP account)";
    private static final Function<EmailAccount, AccountSecrets> NO_SECRETS = a -> AccountSecrets.NONE;

    /** The email properties in effect now. */
    private final Supplier<EffectiveProperties> properties;
    private final AccountStore accounts;
    private final AddressFilterStore filters;
    /** Test Connection of the account with this id. */
    private final LongFunction<ConnectionTestResult> connectionTest;
    private final Database database;
    private final SendingSources sources;
    private final InboundResults inboundResults;
    private final boolean sharedMode;
    private final Set<Integer> consolePorts;
    private final OutboxFacts outbox;
    private final Supplier<DeliveryStatus> delivery;
    private final Clock clock;
    private final Map<Long, Diagnostics.CheckResult> lastChecks = new ConcurrentHashMap<>();

    public DiagnosticsService(Supplier<EffectiveProperties> properties, AccountStore accounts,
                              AddressFilterStore filters, LongFunction<ConnectionTestResult> connectionTest,
                              Database database, SendingSources sources, InboundResults inboundResults,
                              boolean sharedMode, Set<Integer> consolePorts, OutboxFacts outbox,
                              Supplier<DeliveryStatus> delivery, Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.filters = filters;
        this.connectionTest = connectionTest;
        this.database = database;
        this.sources = sources;
        this.inboundResults = inboundResults;
        this.sharedMode = sharedMode;
        this.consolePorts = Set.copyOf(consolePorts);
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    public Diagnostics diagnostics() {
        EffectiveProperties p = properties.get();
        List<EmailAccount> all = accounts.list();
        OutboxFacts.Outbox waiting = outbox.outbox().orElse(null);
        return new Diagnostics(clock.instant(), outbound(p, all), outbox.sender().orElse(null),
                waiting, outbox.counts().orElse(null), delivery(waiting), sources.list(), inbound(p, all),
                DatabaseFacts.of(database), sharedMode, security());
    }

    /** What weakens the console's own protection right now (read at each look: an admin may fix it meanwhile). */
    private List<String> security() {
        List<String> warnings = new ArrayList<>();
        if (consolePorts.isEmpty()) {
            warnings.add("The console shares its origin with the webapps of this container: a script injected into any "
                    + "of them (XSS) can call the console's API in an admin's browser and read its pages. Serve the "
                    + "console on a port of its own and set " + StorageSettingsResolver.CONSOLE_PORTS
                    + " (README, Deploy).");
        }
        KeyFile.permissionProblem(database.settings().keyFile()).ifPresent(problem -> warnings.add(
                Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + "."));
        return List.copyOf(warnings);
    }

    /** The connections to the relay in effect, and when the Outbox is empty at the current pace. */
    private List<Diagnostics.Delivery> delivery(OutboxFacts.Outbox waiting) {
        DeliveryStatus now = delivery.get();
        if (now.accountId() == null) {
            return List.of();
        }
        Long drain = waiting == null ? null : DrainEstimate.seconds(waiting.size(), now.perSecond());
        return List.of(new Diagnostics.Delivery(now, drain));
    }

    /** What the banner on every page says right now. */
    public Warnings warnings() {
        List<EmailAccount> all = accounts.list();
        return Warnings.of(outbound(properties.get(), all), all,
                today())
                .withFallback(delivery.get().fallbackInUse());
    }

    /** Sent, Deferred and Failed per hour over the last day, for Diagnostics' picture. */
    public List<OutboxFacts.Hour> lastDayByHour() {
        return outbox.lastDayByHour();
    }

    private Diagnostics.Outbound outbound(EffectiveProperties p, List<EmailAccount> all) {
        ActiveConnections.Effective out = ActiveConnections.outbound(p, all, NO_SECRETS);
        EmailAccount active = all.stream().filter(a -> a.active() && a.type().outbound()).findFirst().orElse(null);
        Diagnostics.Connection connection = active == null ? null
                : connection(ActiveConnections.effective(p, active, NO_SECRETS).account(), today());
        String setting = null;
        if (!out.usable()) {
            if (!p.flag(PropertyCatalog.SENDING_ACTIVE)) {
                setting = PropertyCatalog.SENDING_ACTIVE;
            } else if (active == null) {
                setting = ACCOUNTS_SETTING;
            } else {
                setting = active.isProvisioned() ? PropertyCatalog.EMAIL_SERVER : ACCOUNTS_SETTING;
            }
        }
        AddressFilter filter = FilterChoice.inEffect(active == null ? null : active.addressFilterId(),
                FilterDirection.OUTBOUND, filters.list()).orElse(null);
        return new Diagnostics.Outbound(out.usable(), out.usable() ? null : out.reason(), setting, connection,
                p.list(PropertyCatalog.TEST_USER), filter == null ? null : new Diagnostics.FilterRef(filter.id(), filter.name()));
    }

    private Diagnostics.Inbound inbound(EffectiveProperties p, List<EmailAccount> all) {
        boolean receiving = p.flag(PropertyCatalog.READING_ACTIVE);
        List<Diagnostics.InboundAccount> inbound = ActiveConnections.inbound(p, all, NO_SECRETS).stream()
                .map(e -> new Diagnostics.InboundAccount(connection(e.account(), today()),
                        e.account().id() == null ? null : inboundResults.last(e.account().id()).orElse(null),
                        lastChecks.get(e.account().id())))
                .toList();
        return new Diagnostics.Inbound(receiving, receiving ? null
                : "Email receiving is disabled (" + PropertyCatalog.READING_ACTIVE + ")", inbound);
    }

    private static Diagnostics.Connection connection(EmailAccount a, LocalDate today) {
        Diagnostics.Connection.Builder connection = Diagnostics.Connection.builder()
                .account(a.id(), a.name())
                .type(a.type().name())
                .provisioned(a.isProvisioned());
        if (a.isGraph()) {
            // https to Graph as the mailbox, signed in with client credentials (email-model.md section 8)
            String warning = SecretExpiry.warning(a, today);
            return connection.server(java.net.URI.create(a.graph().graphEndpoint()).getHost())
                    .security("https")
                    .authentication("client credentials")
                    .userName(a.graph().mailbox())
                    .secretExpiresOn(a.graph().secretExpiresOn() == null ? null : a.graph().secretExpiresOn().toString())
                    .expiryWarning(warning.isEmpty() ? null : warning)
                    .build();
        }
        boolean hasServer = a.server() != null && !a.server().isBlank();
        return connection.server(hasServer ? a.server() : null)
                .port(hasServer ? a.effectivePort() : null)
                .security(a.security().apiName())
                .authentication(a.authentication().name().toLowerCase(java.util.Locale.ROOT))
                .userName(a.userName())
                .build();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Test Connection on every active account, in parallel. Each test is bounded by the connect and
     * read timeouts; an account that has not answered within twice their sum (plus a second) is
     * reported as not answering.
     */
    public List<Diagnostics.CheckResult> checkConnections() {
        EffectiveProperties p = properties.get();
        List<EmailAccount> active = accounts.list().stream().filter(EmailAccount::active).toList();
        if (active.isEmpty()) {
            return List.of();
        }
        long limitMs = 2L * (p.integer(PropertyCatalog.SMTP_CONNECT_TIMEOUT) + p.integer(PropertyCatalog.SMTP_READ_TIMEOUT))
                + 1000;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(active.size(), 16), task -> {
            Thread thread = new Thread(task, "mail-console-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ConnectionTestResult>> running = new ArrayList<>();
            for (EmailAccount account : active) {
                running.add(pool.submit(() -> connectionTest.apply(account.id())));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
            List<Diagnostics.CheckResult> results = new ArrayList<>();
            for (int i = 0; i < active.size(); i++) {
                EmailAccount account = active.get(i);
                Diagnostics.CheckResult result;
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    ConnectionTestResult outcome = running.get(i).get(left, TimeUnit.NANOSECONDS);
                    result = new Diagnostics.CheckResult(account.id(), account.name(), outcome.ok(), outcome.message(),
                            outcome.elapsedMs(), clock.instant());
                } catch (TimeoutException e) {
                    running.get(i).cancel(true);
                    result = new Diagnostics.CheckResult(account.id(), account.name(), false,
                            "no answer within " + limitMs + " ms", limitMs, clock.instant());
                } catch (ExecutionException e) {
                    result = new Diagnostics.CheckResult(account.id(), account.name(), false,
                            "the test failed: " + e.getCause().getMessage(), 0, clock.instant());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                lastChecks.put(account.id(), result);
                results.add(result);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
