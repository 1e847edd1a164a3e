package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.MailServers;
import org.mailconsole.testing.TestTls;

/**
 * Email Accounts in the real Tomcat 10.1 that Cargo runs: the multipart form with an uploaded PEM
 * (Tomcat's own multipart parsing), Test Connection over IMAPS trusting only that certificate,
 * the list page, and no secret in Tomcat's output.
 */
class AccountsTomcatIT {
    static ConsoleClient admin;
    static MailServers mail;

    @BeforeAll
    static void start() {
        assumeFalse(Boolean.getBoolean("it.tomcat.skipped"), "Tomcat not started (-Dcargo.skip=true)");
        admin = new ConsoleClient(System.getProperty("it.tomcat.url"), System.getProperty("it.admin.user"),
                System.getProperty("it.admin.password"));
        TestTls.dir();
        mail = MailServers.start();
    }

    @AfterAll
    static void stop() {
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void anAccountWithAnUploadedCertificateIsSavedTestedAndListed() throws Exception {
        String csrf = ConsoleClient.csrfToken(admin.get("/accounts/new").body());
        List<Map.Entry<String, String>> fields = AccountsPagesIT.form(csrf, "name", "Tomcat IMAPS", "type", "IMAP",
                "authentication", "PASSWORD", "server", "localhost", "security", "SSL",
                "port", String.valueOf(MailServers.IMAPS), "userName", MailServers.USER,
                "password", MailServers.PASSWORD, "version", "0");
        HttpResponse<String> created = admin.postMultipart("/accounts/new", fields,
                Map.of("trustedCertificatesFile", Map.entry("server.pem", TestTls.certificatePem())));
        long id = AccountsPagesIT.idFrom(created);
        JsonNode account = admin.json(admin.get("/api/v1/accounts/" + id));
        assertTrue(account.get("trustedCertificates").asText().contains("BEGIN CERTIFICATE"));
        assertTrue(account.get("passwordSet").asBoolean());

        String tested = admin.followed(admin.postForm("/accounts/" + id + "/test",
                AccountsPagesIT.form(ConsoleClient.csrfToken(admin.get("/accounts/" + id).body())))).body();
        assertTrue(tested.contains("Test Connection: succeeded"), tested);
        assertTrue(admin.get("/accounts").body().contains("Tomcat IMAPS"));

        assertEquals(204, admin.delete("/api/v1/accounts/" + id + "?version=" + account.get("version").asLong())
                .statusCode());
        String output = Files.readString(Path.of(System.getProperty("it.tomcat.output")));
        assertFalse(output.contains(MailServers.PASSWORD), "the account password is in Tomcat's output");
    }
}
