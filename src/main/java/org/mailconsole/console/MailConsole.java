package org.mailconsole.console;

import java.time.Clock;
import java.util.List;
import org.mailconsole.crypto.KeyFile;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.mail.OAuth2Tokens;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.AuditStore;
import org.mailconsole.store.Database;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.TranscriptStore;

/** The console's use cases over one database; what the web layer talks to. */
public final class MailConsole implements AutoCloseable {
    private final Database database;
    private final PropertiesService properties;
    private final AuditStore audit;
    private final HealthService health;
    private final AccountsService accounts;
    private final AccountConnections accountConnections;

    private MailConsole(Database database, SecretBox secrets) {
        this.database = database;
        this.properties = new PropertiesService(new PropertyStore(database), secrets, Clock.systemUTC());
        this.audit = new AuditStore(database);
        this.health = new HealthService(database);
        AccountStore accountStore = new AccountStore(database, secrets);
        this.accounts = new AccountsService(accountStore, properties, Clock.systemUTC());
        this.accountConnections = new AccountConnections(accountStore, new TranscriptStore(database), properties,
                new OAuth2Tokens(Clock.systemUTC()), Clock.systemUTC());
    }

    public static MailConsole start(StorageSettings settings) {
        SecretBox secrets = new SecretBox(KeyFile.loadOrCreate(settings.keyFile()));
        return new MailConsole(Database.open(settings), secrets);
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

    public HealthService health() {
        return health;
    }

    public List<AuditEntry> recentChanges(int limit) {
        return audit.latest(limit);
    }

    @Override
    public void close() {
        database.close();
    }
}
