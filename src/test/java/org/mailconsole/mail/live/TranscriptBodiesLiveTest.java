package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.TranscriptStore;

/**
 * The debug transcripts of a message sent through the shared session (the Outbox's SMTP delivery) and
 * of one fetched through its store (POP3 RETR, IMAP FETCH) keep the exchange and the headers, never a
 * body line. Real GreenMail servers, a real HSQLDB, the real live session.
 */
class TranscriptBodiesLiveTest {
    static final String BODY_CANARY = "reset-code-BODY-7731";
    static final String PASSWORD = "bodies-pw-canary-3390";

    @TempDir
    Path dir;
    GreenMail server;
    SharedEngine core;
    AccountsService accounts;
    TranscriptStore transcripts;

    @BeforeEach
    void start() {
        server = new GreenMail(new com.icegreen.greenmail.util.ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(),
                ServerSetupTest.POP3.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        server.start();
        server.setUser("bob@example.com", "bob", PASSWORD);
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        transcripts = new TranscriptStore(core.database());
        for (EmailAccount account : accounts.list()) {
            if (account.active()) { // the built-in accounts step aside
                accounts.update(account.id(), account.version(),
                        AccountInput.builder().set(AccountField.ACTIVE, false).build(), "test");
            }
        }
    }

    @AfterEach
    void stop() {
        core.release();
        server.stop();
    }

    private EmailAccount recorded(String name, String type, int port) {
        return accounts.create(AccountInput.builder().set(AccountField.NAME, name).set(AccountField.TYPE, type)
                .set(AccountField.AUTHENTICATION, "password").set(AccountField.SERVER, "127.0.0.1")
                .set(AccountField.PORT, String.valueOf(port)).set(AccountField.SECURITY, "none")
                .set(AccountField.USER_NAME, "bob").set(AccountField.ACTIVE, true)
                .set(AccountField.DEBUG_LOGGING, true).secret(AccountSecret.PASSWORD, PASSWORD).build(), "test");
    }

    private List<TranscriptEntry> kept(EmailAccount account, int count) {
        Awaitility.await(count + " transcript(s) of " + account.name()).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> transcripts.list(account.id()).size() >= count);
        List<TranscriptEntry> kept = transcripts.list(account.id());
        assertEquals(count, kept.size());
        return kept;
    }

    private static void assertNoBody(String transcript) {
        assertFalse(transcript.contains(BODY_CANARY), transcript);
        assertFalse(transcript.contains("second line of the body"), transcript);
        assertFalse(transcript.contains(PASSWORD), transcript);
        assertTrue(transcript.contains("Subject: Your password reset"), transcript);
        assertTrue(transcript.matches("(?s).*\\[body: \\d+ bytes, not recorded].*"), transcript);
    }

    @Test
    void aSentAndAFetchedMessageLeaveNoBodyLineInTheirTranscripts() throws Exception {
        EmailAccount relay = recorded("Relay", "smtp", server.getSmtp().getPort());
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@example.com");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("Your password reset");
        message.setText("Your code: " + BODY_CANARY + "\r\nsecond line of the body\r\n");
        Transport.send(message);
        String sent = kept(relay, 1).get(0).text();
        assertTrue(sent.contains("DATA"), sent);
        assertTrue(sent.contains("354"), sent);
        assertNoBody(sent);
        Awaitility.await("the message arrived").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.getReceivedMessages().length >= 1);
        assertEquals(1, server.getReceivedMessages().length);

        for (String protocol : List.of("pop3", "imap")) {
            int port = protocol.equals("pop3") ? server.getPop3().getPort() : server.getImap().getPort();
            EmailAccount inbox = recorded("Inbox " + protocol, protocol, port);
            Store store = core.session().getStore(protocol);
            store.connect();
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            Message fetched = folder.getMessage(1);
            assertTrue(String.valueOf(fetched.getContent()).contains(BODY_CANARY), "the app reads the body");
            java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
            fetched.writeTo(whole); // IMAP: BODY[]<0.16384>, headers and body in one literal
            assertTrue(whole.toString(java.nio.charset.StandardCharsets.US_ASCII).contains(BODY_CANARY));
            folder.close(false);
            store.close();
            String read = kept(inbox, 1).get(0).text();
            assertTrue(read.contains(protocol.equals("pop3") ? "RETR" : "FETCH"), read);
            assertNoBody(read);
            accounts.update(inbox.id(), accounts.get(inbox.id()).version(), AccountInput.builder()
                    .set(AccountField.NAME, inbox.name()).set(AccountField.TYPE, protocol)
                    .set(AccountField.AUTHENTICATION, "password").set(AccountField.SERVER, "127.0.0.1")
                    .set(AccountField.PORT, String.valueOf(port)).set(AccountField.SECURITY, "none")
                    .set(AccountField.USER_NAME, "bob").set(AccountField.ACTIVE, false).build(), "test");
        }
    }
}
