package org.mailconsole.mail.engine;

import jakarta.mail.Session;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mailconsole.crypto.KeyFile;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.mail.graph.GraphConnectionTest;
import org.mailconsole.mail.graph.GraphHttp;
import org.mailconsole.mail.graph.GraphTestEmail;
import org.mailconsole.mail.graph.GraphTokenEndpoint;
import org.mailconsole.mail.graph.GraphTokens;
import org.mailconsole.mail.graph.GraphTransport;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.InboundResults;
import org.mailconsole.mail.live.LiveSessionBuilder;
import org.mailconsole.mail.live.StoredConfigSource;
import org.mailconsole.mail.metrics.MailMetrics;
import org.mailconsole.mail.metrics.OutboxGauges;
import org.mailconsole.mail.metrics.CachedFacts;
import org.mailconsole.mail.metrics.StoredGaugeFacts;
import org.mailconsole.mail.outbox.DeliveryEngine;
import org.mailconsole.mail.outbox.DeliveryMeters;
import org.mailconsole.mail.source.SendingSources;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.AddressFilterStore;
import org.mailconsole.store.Database;
import org.mailconsole.store.DatabaseClock;
import org.mailconsole.store.KeyCheck;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.mail.oauth.AccountAccessTokens;
import org.mailconsole.mail.oauth.OAuth2Tokens;
import org.mailconsole.mail.outbox.Outbox;
import org.mailconsole.mail.outbox.OutboxTiming;
import org.mailconsole.store.emaillog.EmailLogFacts;
import org.mailconsole.store.emaillog.EmailLogReader;
import org.mailconsole.store.emaillog.EmailLogRetention;
import org.mailconsole.store.emaillog.JdbcOutboxQueue;

/**
 * The shared core's composition root. One database, key and live session per database URL in this class loader (in shared mode, the
 * container's common loader: so once per JVM). The console and the JNDI factory both acquire it,
 * so they share one database engine and one live session. The database shuts down when the last
 * user releases it; the JNDI factory never releases (the container owns its session until it stops).
 */
public final class SharedEngine {
    private static final Map<String, SharedEngine> OPEN = new HashMap<>();
    private static final System.Logger LOG = System.getLogger(SharedEngine.class.getName());

    private final StorageSettings settings;
    private final Database database;
    private final SecretBox secrets;
    private final AccountStore accounts;
    private final AccountAccessTokens tokens;
    private final Session session;
    private final EmailLogReader log;
    private final DeliveryEngine engine;
    private final Outbox outbox;
    /** The meters of this core: /metrics and the MBeans; closed with the core, so no MBean outlives it. */
    private final MailMetrics metrics;
    /** Graph's HTTP client and its threads: closed with the core, so an undeploy leaves none behind. */
    private final GraphHttp graphHttp;
    private final GraphTransport graph;
    private final GraphConnectionTest graphTest;
    private int users;
    private boolean heldByContainer;

    private SharedEngine(StorageSettings settings, Clock system) {
        this.settings = settings;
        OutboxTiming timing = OutboxTiming.fromSystemProperties(); // a bad value refuses before anything opens
        this.secrets = new SecretBox(KeyFile.loadOrCreate(settings.keyFile()));
        this.database = Database.open(settings);
        try {
            KeyCheck.verify(database, secrets);
        } catch (RuntimeException wrongKey) {
            database.close();
            throw wrongKey;
        }
        this.accounts = new AccountStore(database, secrets);
        this.tokens = new AccountAccessTokens(accounts, new OAuth2Tokens(Clock.systemUTC()));
        StoredConfigSource source = new StoredConfigSource(new PropertyStore(database, secrets), accounts, tokens,
                new TranscriptStore(database), new AddressFilterStore(database));
        CachedConfig config = new CachedConfig(source, database::changes);
        // the one composition point where the live session meets the Outbox that delivers its messages;
        // leases and due times are on the database's clock, which every node shares
        Clock clock = new DatabaseClock(database, system);
        JdbcOutboxQueue queue = new JdbcOutboxQueue(database, clock, timing.lease());
        this.log = new EmailLogReader(database);
        this.graphHttp = new GraphHttp();
        GraphTokenEndpoint graphEndpoint = new GraphTokenEndpoint(graphHttp, Clock.systemUTC());
        GraphTokens graphTokens = new GraphTokens(accounts, graphEndpoint, Clock.systemUTC());
        this.graphTest = new GraphConnectionTest(graphHttp, graphEndpoint);
        this.graph = new GraphTransport(graphHttp, graphTokens, new TranscriptStore(database), Clock.systemUTC());
        this.metrics = new MailMetrics();
        this.engine = new DeliveryEngine(queue, log, new EmailLogRetention(database, clock), config, clock, timing,
                graph, new DeliveryMeters(metrics.registry()));
        this.outbox = new Outbox(queue, config, clock, engine);
        StoredGaugeFacts gaugeFacts = new StoredGaugeFacts(outbox, engine, log, new EmailLogFacts(database),
                account -> engine.fallbackInUse(account).isPresent(), clock);
        OutboxGauges gauges = new OutboxGauges(metrics.registry(),
                new CachedFacts(gaugeFacts, Clock.systemUTC(), CachedFacts.MAX_AGE));
        metrics.beforeScrape(gauges::refresh);
        this.session = LiveSessionBuilder.create(config, outbox);
        engine.start();
    }

    /** The core for these settings, opened on first use; call {@link #release()} when done. */
    public static SharedEngine acquire(StorageSettings settings) {
        return acquire(settings, Clock.systemUTC());
    }

    /**
     * {@link #acquire(StorageSettings)}, a core opened now reading the time from {@code system} (the
     * database's offset added): the system clock, or one a test moves to skip a wait.
     */
    public static SharedEngine acquire(StorageSettings settings, Clock system) {
        synchronized (OPEN) {
            SharedEngine core = OPEN.get(settings.jdbcUrl());
            if (core == null) {
                core = openWithOwnLoader(settings, system);
                OPEN.put(settings.jdbcUrl(), core);
            } else if (!core.settings.keyFile().equals(settings.keyFile())) {
                throw new IllegalStateException("the database " + org.mailconsole.store.JdbcUrls.masked(settings.jdbcUrl()) + " is already open with the key file "
                        + core.settings.keyFile() + ", not " + settings.keyFile());
            }
            core.users++;
            return core;
        }
    }

    /**
     * The core for the container's JNDI resource: acquired once, held until the JVM exits, when
     * the database is shut down cleanly (no stale lock for the next start).
     */
    public static SharedEngine holdForContainer(StorageSettings settings) {
        synchronized (OPEN) {
            SharedEngine existing = OPEN.get(settings.jdbcUrl());
            if (existing != null && existing.heldByContainer) {
                return existing;
            }
            SharedEngine core = acquire(settings);
            core.heldByContainer = true;
            Thread hook = new Thread(core::release, "mail-console-shutdown");
            hook.setContextClassLoader(SharedEngine.class.getClassLoader());
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.log(System.Logger.Level.INFO, "Mail Console shared mail session ready, configured from {0}", settings);
            return core;
        }
    }

    /**
     * Opens with this class's loader as the thread's context loader, so that the threads the
     * database engine starts do not hold on to the webapp that happened to open it first.
     */
    private static SharedEngine openWithOwnLoader(StorageSettings settings, Clock system) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SharedEngine.class.getClassLoader());
        try {
            return new SharedEngine(settings, system);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The storage settings of the core behind {@code session}, if it is a live session of this
     * class loader's core (in shared mode: the container's JNDI mail session).
     */
    public static Optional<StorageSettings> settingsOf(Object session) {
        synchronized (OPEN) {
            return OPEN.values().stream().filter(core -> core.session == session).map(core -> core.settings).findFirst();
        }
    }

    /** Gives the core back; the last release shuts the database down. */
    public void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(settings.jdbcUrl());
        }
        engine.stop();
        metrics.close();
        graphHttp.close();
        database.close();
    }

    public Database database() {
        return database;
    }

    public SecretBox secrets() {
        return secrets;
    }

    /** The live session: every send and store connect reads the configuration of its moment. */
    public Session session() {
        return session;
    }

    /** The webapps (and the console) that sent mail through the Outbox since this JVM started (in memory). */
    public SendingSources sendingSources() {
        return outbox.sources();
    }

    /** The last store connect of each inbound account through the live session (in memory). */
    public InboundResults inboundResults() {
        return LiveSessionBuilder.inboundResults(session);
    }

    /** The Outbox of this core (its policy, Retry now, Cancel, the test email). */
    public Outbox outbox() {
        return outbox;
    }

    /** The delivery engine of this core: its workers run from open to the last release. */
    public DeliveryEngine engine() {
        return engine;
    }

    /** The meters of this core (email-model.md section 10): the Prometheus text and the MBeans. */
    public MailMetrics metrics() {
        return metrics;
    }

    /** The email log's reads (pages, search, counts, one entry). */
    public EmailLogReader log() {
        return log;
    }

    public AccountStore accounts() {
        return accounts;
    }

    /** Send test email through a Microsoft Graph account (straight to Graph, as for SMTP). */
    public GraphTestEmail graphTestEmail() {
        return new GraphTestEmail(graph);
    }

    /** Test Connection of Microsoft Graph accounts, on the core's Graph HTTP client. */
    public GraphConnectionTest graphConnectionTest() {
        return graphTest;
    }

    /** The one OAuth 2.0 token cache of this core: the live session and the console share it. */
    public AccountAccessTokens accessTokens() {
        return tokens;
    }
}
