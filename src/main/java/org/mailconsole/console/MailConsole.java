package org.mailconsole.console;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.mailconsole.console.diagnostics.DiagnosticsService;
import org.mailconsole.console.diagnostics.OutboxFacts;
import org.mailconsole.console.diagnostics.StoredOutboxFacts;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.store.AddressFilterStore;
import org.mailconsole.store.AuditStore;
import org.mailconsole.store.Database;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.store.emaillog.EmailLogFacts;
import org.mailconsole.mail.engine.SharedEngine;

/** The console's use cases over one database; what the web layer talks to. */
public final class MailConsole implements AutoCloseable {
    private final SharedEngine core;
    private final PropertiesService properties;
    private final AuditStore audit;
    private final HealthService health;
    private final AccountsService accounts;
    private final AccountConnections accountConnections;
    private final AddressFiltersService addressFilters;
    private final DiagnosticsService diagnostics;
    private final EmailLogService emailLog;

    private MailConsole(SharedEngine core, boolean sharedMode, Set<Integer> consolePorts) {
        this.core = core;
        Database database = core.database();
        this.properties = new PropertiesService(new PropertyStore(database, core.secrets()), Clock.systemUTC());
        this.audit = new AuditStore(database);
        OutboxFacts outboxFacts = new StoredOutboxFacts(core.log(), new EmailLogFacts(database),
                core.engine()::running, core.outbox()::pausedReason, Clock.systemUTC());
        this.health = new HealthService(database, outboxFacts);
        this.accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        this.accountConnections = new AccountConnections(core.accounts(), new TranscriptStore(database), properties,
                core.accessTokens(), new LiveTestEmail(core.session(), core.outbox()), core.graphConnectionTest(),
                core.graphTestEmail(), Clock.systemUTC());
        AddressFilterStore filterStore = new AddressFilterStore(database);
        this.addressFilters = new AddressFiltersService(filterStore, core.accounts(), Clock.systemUTC());
        this.diagnostics = new DiagnosticsService(properties::effective, core.accounts(), filterStore,
                id -> accountConnections.test(id).result(),
                database, core.sendingSources(), core.inboundResults(), sharedMode, consolePorts, outboxFacts,
                core.engine()::status, Clock.systemUTC());
        this.emailLog = new EmailLogService(core.log(), core.outbox(), Clock.systemUTC());
    }

    /**
     * Opens the database (or joins the one the shared JNDI session already opened in this JVM).
     *
     * @param sharedMode   true when the database is the one of the container's shared mail/Session
     * @param consolePorts the local ports the web layer serves the console on (mailconsole.console.ports); empty: any
     */
    public static MailConsole start(StorageSettings settings, boolean sharedMode, Set<Integer> consolePorts) {
        return new MailConsole(SharedEngine.acquire(settings), sharedMode, consolePorts);
    }

    public PropertiesService properties() {
        return properties;
    }

    public AccountsService accounts() {
        return accounts;
    }

    public AccountConnections accountConnections() {
        return accountConnections;
    }

    public AddressFiltersService addressFilters() {
        return addressFilters;
    }

    public DiagnosticsService diagnostics() {
        return diagnostics;
    }

    /** The email log and the Outbox's admin actions (API and screens). */
    public EmailLogService emailLog() {
        return emailLog;
    }

    /** The content type of {@link #metricsText()}. */
    public static final String METRICS_CONTENT_TYPE = org.mailconsole.mail.metrics.MailMetrics.CONTENT_TYPE;

    /** Every metric of the shared core in the Prometheus text exposition format (email-model.md section 10). */
    public String metricsText() {
        return core.metrics().scrape();
    }

    public HealthService health() {
        return health;
    }

    public List<AuditEntry> recentChanges(int limit) {
        return audit.latest(limit);
    }

    @Override
    public void close() {
        core.release();
    }
}
