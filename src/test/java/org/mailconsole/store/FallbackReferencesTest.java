package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.crypto.KeyFile;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.Protocol;

/**
 * The fallback account's rules in the store (email-model.md section 7.3), on a real HSQLDB file:
 * checked in the write's transaction, and V17's foreign key holding a delete that skips the check.
 */
class FallbackReferencesTest {
    @TempDir
    Path dir;
    Database database;
    AccountStore store;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        store = new AccountStore(database, new SecretBox(KeyFile.loadOrCreate(dir.resolve("key"))));
    }

    @AfterEach
    void close() {
        database.close();
    }

    static List<AuditEntry> audit() {
        return List.of(new AuditEntry(Instant.now(), "test", "Email account", "account", null, "changed"));
    }

    EmailAccount insert(String name, Protocol type, Long fallback) {
        return store.insert(EmailAccount.builder().name(name).type(type).authentication(Authentication.NONE)
                .server("mail.example.com").security(ConnectionSecurity.SSL).fallbackAccountId(fallback).build(),
                Map.of(), audit());
    }

    AccountConflictException.Conflict refused(Runnable write) {
        return assertThrows(AccountConflictException.class, write::run).conflict();
    }

    @Test
    void theFallbackIsAnotherStoredOutboundAccount() {
        EmailAccount relay = insert("Relay", Protocol.SMTP, null);
        EmailAccount inbox = insert("Inbox", Protocol.POP3, null);
        assertEquals(AccountConflictException.Conflict.FALLBACK,
                refused(() -> store.update(relay.toBuilder().fallbackAccountId(relay.id()).build(), Map.of(), audit())));
        assertEquals(AccountConflictException.Conflict.FALLBACK,
                refused(() -> store.update(relay.toBuilder().fallbackAccountId(987654L).build(), Map.of(), audit())));
        assertEquals(AccountConflictException.Conflict.FALLBACK,
                refused(() -> store.update(relay.toBuilder().fallbackAccountId(inbox.id()).build(), Map.of(), audit())));
        assertEquals(AccountConflictException.Conflict.FALLBACK,
                refused(() -> store.update(inbox.toBuilder().fallbackAccountId(relay.id()).build(), Map.of(), audit())),
                "an inbound account has none");
        EmailAccount backup = insert("Backup", Protocol.SMTP, null);
        EmailAccount named = store.update(relay.toBuilder().fallbackAccountId(backup.id()).build(), Map.of(), audit());
        assertEquals(backup.id(), store.find(relay.id()).orElseThrow().fallbackAccountId());
        assertEquals(relay.version() + 1, named.version());
    }

    @Test
    void anAccountAnotherNamesIsNeitherDeletedNorMadeInbound() {
        EmailAccount backup = insert("Backup", Protocol.SMTP, null);
        insert("Relay", Protocol.SMTP, backup.id());
        AccountConflictException deleted = assertThrows(AccountConflictException.class,
                () -> store.delete(backup.id(), backup.version(), audit()));
        assertEquals(AccountConflictException.Conflict.FALLBACK_NAMED, deleted.conflict());
        assertEquals("Relay", deleted.otherAccount());
        assertEquals(AccountConflictException.Conflict.FALLBACK_NAMED, refused(() -> store.update(
                backup.toBuilder().type(Protocol.IMAP).build(), Map.of(), audit())));
        assertTrue(store.find(backup.id()).isPresent());
    }

    @Test
    void theForeignKeyHoldsADeleteThatSkipsTheCheck() {
        EmailAccount backup = insert("Backup", Protocol.SMTP, null);
        insert("Relay", Protocol.SMTP, backup.id());
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (var connection = database.connect();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM email_account WHERE id = ?")) {
                delete.setLong(1, backup.id());
                delete.executeUpdate();
            }
        });
        assertTrue(FallbackReferences.violated(refused), refused.getMessage());
    }
}
