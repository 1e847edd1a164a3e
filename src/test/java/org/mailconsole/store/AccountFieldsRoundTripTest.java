package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.crypto.KeyFile;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.Protocol;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;

/** Every field of {@link AccountField} goes into its column and comes back (a real HSQLDB file database). */
class AccountFieldsRoundTripTest {
    @TempDir
    Path dir;

    private static List<AuditEntry> audit() {
        return List.of(new AuditEntry(Instant.now(), "test", "Email account", "account", null, "changed"));
    }

    @Test
    void everyFieldAndSecretFlagSurvivesInsertAndUpdate() {
        SecretBox secrets = new SecretBox(KeyFile.loadOrCreate(dir.resolve("key")));
        try (Database database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")),
                "SA", "", dir.resolve("key")))) {
            AccountStore store = new AccountStore(database, secrets);
            long filterId = new AddressFilterStore(database).insert(new AddressFilter(null, "Inbound",
                    FilterDirection.INBOUND, true, false, List.of(), 0), audit()).id();
            EmailAccount account = EmailAccount.builder().name("Every field").type(Protocol.IMAP)
                    .authentication(Authentication.OAUTH2).server("imap.example.com").port(1993)
                    .security(ConnectionSecurity.STARTTLS).userName("me@example.com").fromAddress("from@example.com")
                    .displayName("Me").folder("Archive").addressFilterId(filterId).active(true).debugLogging(true)
                    .tokenUrl("https://t.example/token").clientId("client").scope("mail")
                    .trustedCertificates("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----").build();
            EmailAccount saved = store.insert(account, Map.of(AccountSecret.CLIENT_SECRET, "cs",
                    AccountSecret.REFRESH_TOKEN, "rt"), audit());
            assertNotNull(saved.id());
            for (AccountField field : AccountField.values()) {
                assertEquals(field.value(account), field.value(saved), field.field());
            }
            assertEquals(List.of(false, true, true), List.of(saved.passwordSet(), saved.clientSecretSet(),
                    saved.refreshTokenSet()));

            EmailAccount changed = saved.toBuilder().name("Changed").port(null).addressFilterId(null).active(false)
                    .debugLogging(false).scope(null).build();
            EmailAccount updated = store.update(changed, Map.of(), audit());
            for (AccountField field : AccountField.values()) {
                assertEquals(field.value(changed), field.value(updated), field.field());
            }
            assertEquals(saved.version() + 1, updated.version());
            assertEquals("cs", store.secrets(saved.id()).clientSecret());
        }
    }
}
