package org.mailconsole.mail.live;

import org.mailconsole.mail.engine.SharedEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.testing.TokenEndpoint;

/**
 * Two accounts with identical connection settings: the live session knows each by its id, so each
 * keeps its own OAuth 2.0 token and its own transcripts; a token the server refuses is dropped and
 * fetched once more. Real GreenMail (IMAP with XOAUTH2), a real token endpoint and a real HSQLDB.
 */
class AccountsByIdLiveTest {
    static final String TOKEN = "reader-access-token-canary-2207";
    static final String B_OWN_TOKEN = "b-own-token-canary-9034";

    @TempDir
    Path dir;
    GreenMail server;
    SharedEngine core;
    AccountsService accounts;
    TranscriptStore transcripts;

    @BeforeEach
    void start() {
        server = new GreenMail(new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.SMTP.dynamicPort()});
        server.start();
        server.setUser("reader@example.com", "reader@example.com", TOKEN); // GreenMail checks XOAUTH2 against this
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        transcripts = new TranscriptStore(core.database());
    }

    @AfterEach
    void stop() {
        core.release();
        server.stop();
    }

    private EmailAccount reader(String name, TokenEndpoint endpoint) {
        return accounts.create(AccountInput.builder().set(AccountField.NAME, name).set(AccountField.TYPE, "imap")
                .set(AccountField.AUTHENTICATION, "oauth2").set(AccountField.SERVER, "127.0.0.1")
                .set(AccountField.PORT, String.valueOf(server.getImap().getPort())).set(AccountField.SECURITY, "none")
                .set(AccountField.USER_NAME, "reader@example.com").set(AccountField.FOLDER, "INBOX")
                .set(AccountField.ACTIVE, true).set(AccountField.DEBUG_LOGGING, true)
                .set(AccountField.TOKEN_URL, endpoint.url()).set(AccountField.CLIENT_ID, TokenEndpoint.CLIENT_ID)
                .set(AccountField.SCOPE, "mail").secret(AccountSecret.CLIENT_SECRET, TokenEndpoint.CLIENT_SECRET)
                .build(), "test");
    }

    private void read() throws Exception {
        Store store = core.session().getStore("imap");
        store.connect();
        store.close();
    }

    @Test
    void twoAccountsWithEqualSettingsKeepTheirOwnTokenAndTranscripts() throws Exception {
        try (TokenEndpoint endpoint = TokenEndpoint.start(TOKEN, null)) {
            EmailAccount a = reader("Reader A", endpoint);
            EmailAccount b = reader("Reader B", endpoint); // same server, user, security, no token yet

            read(); // "imap" connects the first active IMAP account: A
            assertEquals(1, endpoint.requests().size(), "A had no token: one is fetched for A");
            assertEquals(TOKEN, core.accounts().secrets(a.id()).accessToken());
            assertNull(core.accounts().secrets(b.id()).accessToken(), "A's token is not stored as B's");
            assertEquals(1, transcripts.list(a.id()).size());
            assertEquals(0, transcripts.list(b.id()).size(), "A's read is not B's transcript");

            read();
            assertEquals(1, endpoint.requests().size(), "A's stored token is reused: one cache");
            assertEquals(2, transcripts.list(a.id()).size());
        }
    }

    @Test
    void aTokenTheServerRefusesIsDroppedAndFetchedOnceMore() throws Exception {
        try (TokenEndpoint endpoint = TokenEndpoint.start(TOKEN, null)) {
            EmailAccount b = reader("Reader B", endpoint);
            core.accounts().saveTokens(b.id(), B_OWN_TOKEN, Instant.now().plusSeconds(3600), null); // revoked

            read();
            assertEquals(1, endpoint.requests().size(), "the refused token was dropped and a new one fetched");
            assertEquals(TOKEN, core.accounts().secrets(b.id()).accessToken());
            List<TranscriptEntry> kept = transcripts.list(b.id());
            assertEquals(2, kept.size(), "the refused attempt and the read that followed");
            assertTrue(kept.stream().anyMatch(t -> t.outcome().startsWith("connect failed")), kept.toString());
            for (TranscriptEntry entry : kept) {
                assertFalse(entry.text().contains(TOKEN), entry.text());
                assertFalse(entry.text().contains(B_OWN_TOKEN), entry.text());
            }
        }
    }

    @Test
    void aSendWhoseTokenIsRefusedFetchesANewOneAndGoesOut() throws Exception {
        for (EmailAccount account : accounts.list()) {
            if (account.active() && account.type() == org.mailconsole.model.Protocol.SMTP) { // Default SMTP steps aside
                accounts.update(account.id(), account.version(), AccountInput.builder()
                        .set(AccountField.ACTIVE, false).build(), "test");
            }
        }
        try (TokenEndpoint endpoint = TokenEndpoint.start(TOKEN, null)) {
            EmailAccount relay = accounts.create(AccountInput.builder().set(AccountField.NAME, "Relay")
                    .set(AccountField.TYPE, "smtp").set(AccountField.AUTHENTICATION, "oauth2")
                    .set(AccountField.SERVER, "127.0.0.1").set(AccountField.PORT, String.valueOf(server.getSmtp().getPort()))
                    .set(AccountField.SECURITY, "none").set(AccountField.USER_NAME, "reader@example.com")
                    .set(AccountField.ACTIVE, true).set(AccountField.TOKEN_URL, endpoint.url())
                    .set(AccountField.CLIENT_ID, TokenEndpoint.CLIENT_ID)
                    .secret(AccountSecret.CLIENT_SECRET, TokenEndpoint.CLIENT_SECRET).build(), "test");
            core.accounts().saveTokens(relay.id(), B_OWN_TOKEN, Instant.now().plusSeconds(3600), null); // revoked

            MimeMessage message = new MimeMessage(core.session());
            message.setFrom("reader@example.com");
            message.setRecipients(Message.RecipientType.TO, "someone@example.com");
            message.setSubject("after a refused token");
            message.setText("x");
            Transport.send(message); // queued: the Outbox's sender delivers it
            assertTrue(server.waitForIncomingEmail(15_000, 1), "delivered after the refused token");
            assertEquals(1, server.getReceivedMessages().length);
            assertEquals(1, endpoint.requests().size(), "the refused token was dropped and one new one fetched");
            assertEquals(TOKEN, core.accounts().secrets(relay.id()).accessToken());
        }
    }
}
