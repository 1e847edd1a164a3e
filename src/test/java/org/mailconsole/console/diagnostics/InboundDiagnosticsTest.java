package org.mailconsole.console.diagnostics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.MailConsole;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.store.StorageSettings;

/** Diagnostics show each active inbound account's last connection through the shared session (a real POP3 server). */
class InboundDiagnosticsTest {
    @TempDir
    Path dir;

    @Test
    void theLastStoreConnectOfAnInboundAccountIsShown() throws Exception {
        GreenMail pop3 = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        pop3.start();
        StorageSettings settings = new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key"));
        SharedEngine core = SharedEngine.acquire(settings);
        try (MailConsole console = MailConsole.start(settings, false, Set.of())) {
            pop3.setUser("inbox@example.com", "inbox", "inbox-pw");
            Map<String, String> values = new HashMap<>();
            values.put("glide.pop3.server", "127.0.0.1");
            values.put("glide.pop3.port", String.valueOf(pop3.getPop3().getPort()));
            values.put("glide.pop3.user", "inbox");
            values.put("glide.pop3.password", "inbox-pw");
            console.properties().update(console.properties().document().version(), values, "test");
            assertNull(pop3Row(console).lastConnection(), "nothing connected yet");

            Store store = core.session().getStore("pop3");
            store.connect();
            store.close();
            assertTrue(pop3Row(console).lastConnection().ok(), String.valueOf(pop3Row(console).lastConnection()));

            console.properties().update(console.properties().document().version(),
                    new HashMap<>(Map.of("glide.pop3.password", "wrong-pw")), "test");
            assertThrows(MessagingException.class, () -> core.session().getStore("pop3").connect());
            Diagnostics.InboundAccount row = pop3Row(console);
            assertFalse(row.lastConnection().ok());
            assertTrue(row.lastConnection().message().startsWith("Authentication rejected"), row.lastConnection().message());
            assertFalse(row.lastConnection().message().contains("wrong-pw"));
        } finally {
            core.release();
            pop3.stop();
        }
    }

    private static Diagnostics.InboundAccount pop3Row(MailConsole console) {
        return console.diagnostics().diagnostics().inbound().accounts().stream()
                .filter(a -> a.account().name().equals("Default POP3")).findFirst().orElseThrow();
    }
}
