package org.mailconsole.mail.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.Protocol;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.GraphStandIn;
import org.mailconsole.testing.PostgresServer;

/** V16 on PostgreSQL: a Graph account (null authentication and security, a DATE) saved, read, and sending. */
class GraphPostgresIT {
    @TempDir
    Path dir;

    @Test
    void aGraphAccountOnPostgresqlIsSavedReadAndSends() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); GraphStandIn graph = GraphStandIn.start()) {
            SharedEngine core = SharedEngine.acquire(new StorageSettings(postgres.jdbcUrl(), "postgres", "",
                    dir.resolve("key")));
            try {
                AccountsService accounts = new AccountsService(core.accounts(), new PropertiesService(
                        new PropertyStore(core.database(), core.secrets()), Clock.systemUTC()), Clock.systemUTC());
                EmailAccount smtp = accounts.activeSmtp().orElseThrow();
                EmailAccount saved = accounts.create(AccountInput.builder().set(AccountField.NAME, "Exchange Online")
                        .set(AccountField.TYPE, "graph").set(AccountField.GRAPH_TENANT_ID, GraphStandIn.TENANT)
                        .set(AccountField.GRAPH_CLIENT_ID, GraphStandIn.CLIENT_ID)
                        .set(AccountField.GRAPH_MAILBOX, GraphStandIn.MAILBOX)
                        .set(AccountField.GRAPH_TOKEN_URL, graph.url()).set(AccountField.GRAPH_URL, graph.url())
                        .set(AccountField.GRAPH_SECRET_EXPIRES_ON, "2027-02-28")
                        .secret(AccountSecret.GRAPH_CLIENT_SECRET, GraphStandIn.CLIENT_SECRET).build(), "test");
                EmailAccount read = accounts.get(saved.id());
                assertEquals(Protocol.GRAPH, read.type());
                assertNull(read.authentication());
                assertNull(read.security());
                assertEquals(LocalDate.of(2027, 2, 28), read.graph().secretExpiresOn());
                accounts.makeActiveSmtp(read.id(), read.version(), smtp.id(), false, "test");

                MimeMessage message = new MimeMessage(core.session());
                message.setFrom("app@shop.example");
                message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
                message.setSubject("on postgres");
                message.setText("hello");
                Transport.send(message);
                Awaitility.await("sent through Graph").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !graph.sent().isEmpty());
                assertEquals(1, graph.sent().size());
                assertTrue(graph.sent().get(0).text().contains("Subject: on postgres"));
            } finally {
                core.release();
            }
        }
    }
}
