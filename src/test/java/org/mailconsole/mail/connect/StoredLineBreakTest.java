package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;

/**
 * A password with CR/LF stored before input refused it (issue 8: "PASS pw", "DELE 1" reached a POP3
 * server) is never sent: the connection is not even opened.
 */
class StoredLineBreakTest {
    @Test
    void aStoredCrLfPasswordNeverReachesTheServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            server.setSoTimeout(1500);
            ConnectionSettings settings = ConnectionSettings.builder().protocol(Protocol.POP3).host("127.0.0.1")
                    .port(server.getLocalPort()).security(ConnectionSecurity.NONE).authentication(Authentication.PASSWORD)
                    .user("inbox").secret("pw\r\nDELE 1").connectTimeoutMs(1000).readTimeoutMs(1000).build();
            ConnectionTestResult result = ConnectionTester.test(settings, null, false, List.of());
            assertFalse(result.ok());
            assertTrue(result.message().contains("control character"), result.message());
            assertFalse(result.message().contains("DELE"), "the secret is not shown: " + result.message());
            assertThrows(SocketTimeoutException.class, server::accept, "the console connected to the server");
        }
    }
}
