package org.mailconsole.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.mail.connect.ConnectionTestResult;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.Protocol;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.testing.GraphStandIn;
import org.mailconsole.testing.TestTls;

/**
 * Microsoft Graph accounts in the console (email-model.md section 8): saved and checked, one active
 * outbound account across SMTP and Graph, and Test Connection against a Graph stand-in on loopback.
 */
class GraphAccountsTest {
    @TempDir
    Path dir;
    GraphStandIn graph;
    SharedEngine core;
    AccountsService accounts;
    AccountConnections connections;

    @BeforeEach
    void start() throws Exception {
        graph = GraphStandIn.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        connections = new AccountConnections(core.accounts(), new TranscriptStore(core.database()), properties,
                core.accessTokens(), new LiveTestEmail(core.session(), core.outbox()), core.graphConnectionTest(),
                core.graphTestEmail(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        core.release();
        graph.close();
    }

    AccountInput.Builder form(String tenant, String mailbox) {
        return AccountInput.builder().set(AccountField.NAME, "Exchange Online").set(AccountField.TYPE, "graph")
                .set(AccountField.GRAPH_TENANT_ID, tenant).set(AccountField.GRAPH_CLIENT_ID, GraphStandIn.CLIENT_ID)
                .set(AccountField.GRAPH_MAILBOX, mailbox).set(AccountField.GRAPH_TOKEN_URL, graph.url())
                .set(AccountField.GRAPH_URL, graph.url());
    }

    EmailAccount save(String tenant, String secret, String mailbox) {
        return accounts.create(form(tenant, mailbox).secret(AccountSecret.GRAPH_CLIENT_SECRET, secret).build(), "test");
    }

    static Set<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void aGraphAccountIsSavedWithItsSettingsAndReadsNoServerOrAuthentication() {
        EmailAccount saved = accounts.create(form(GraphStandIn.TENANT, GraphStandIn.MAILBOX)
                .set(AccountField.GRAPH_SECRET_EXPIRES_ON, "2027-01-31")
                .secret(AccountSecret.GRAPH_CLIENT_SECRET, GraphStandIn.CLIENT_SECRET).build(), "test");
        EmailAccount read = accounts.get(saved.id());
        assertEquals(Protocol.GRAPH, read.type());
        assertEquals(GraphStandIn.TENANT, read.graph().tenantId());
        assertEquals(GraphStandIn.MAILBOX, read.graph().mailbox());
        assertEquals(LocalDate.of(2027, 1, 31), read.graph().secretExpiresOn());
        assertTrue(read.graphClientSecretSet());
        assertNull(read.server());
        assertNull(read.authentication());
        assertNull(read.security());
        assertEquals(GraphStandIn.CLIENT_SECRET, core.accounts().graphSecrets(saved.id()).clientSecret());
    }

    @Test
    void theDefaultsAreTheGlobalCloudsAndTheTokenUrlMayBeAnAuthority() {
        EmailAccount saved = accounts.create(AccountInput.builder().set(AccountField.NAME, "Global")
                .set(AccountField.TYPE, "graph").set(AccountField.GRAPH_TENANT_ID, "contoso.onmicrosoft.com")
                .set(AccountField.GRAPH_CLIENT_ID, "c").set(AccountField.GRAPH_MAILBOX, "a@contoso.example")
                .secret(AccountSecret.GRAPH_CLIENT_SECRET, "s").build(), "test");
        assertEquals("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
                saved.graph().tokenEndpoint());
        assertEquals("https://graph.microsoft.com", saved.graph().graphEndpoint());
        assertEquals("https://graph.microsoft.com/.default", saved.graph().scope());
    }

    @Test
    void validationNamesEachMissingOrWrongField() {
        ValidationException missing = assertThrows(ValidationException.class, () -> accounts.create(AccountInput.builder()
                .set(AccountField.NAME, "G").set(AccountField.TYPE, "graph").set(AccountField.SERVER, "smtp.example.com")
                .build(), "test"));
        assertEquals(Set.of("graph.tenantId", "graph.clientId", "graph.mailbox", "graph.clientSecret", "server"),
                fields(missing));
        assertTrue(missing.errors().stream().anyMatch(e -> e.field().equals("server")
                && e.message().contains("not used by a Microsoft Graph account")), missing.errors().toString());

        ValidationException wrong = assertThrows(ValidationException.class, () -> accounts.create(
                form("contoso tenant", "not an address").set(AccountField.GRAPH_URL, "http://graph.example.com")
                        .set(AccountField.GRAPH_SECRET_EXPIRES_ON, "31.01.2027")
                        .secret(AccountSecret.GRAPH_CLIENT_SECRET, "s")
                        .secret(AccountSecret.GRAPH_CERTIFICATE, TestTls.certificatePem()).build(), "test"));
        assertEquals(Set.of("graph.tenantId", "graph.mailbox", "graph.graphUrl", "graph.secretExpiresOn",
                "graph.clientSecret"), fields(wrong));
        assertTrue(wrong.errors().stream().anyMatch(e -> e.message().contains("must be https://")),
                wrong.errors().toString());
        assertTrue(wrong.errors().stream().anyMatch(e -> e.message().contains("not both")), wrong.errors().toString());

        ValidationException half = assertThrows(ValidationException.class, () -> accounts.create(
                form(GraphStandIn.TENANT, GraphStandIn.MAILBOX)
                        .secret(AccountSecret.GRAPH_CERTIFICATE, TestTls.certificatePem()).build(), "test"));
        assertEquals(Set.of("graph.privateKeyPem"), fields(half));

        ValidationException smtpWithGraph = assertThrows(ValidationException.class, () -> accounts.create(
                AccountInput.builder().set(AccountField.NAME, "S").set(AccountField.TYPE, "smtp")
                        .set(AccountField.AUTHENTICATION, "none").set(AccountField.SECURITY, "none")
                        .set(AccountField.SERVER, "smtp.example.com").set(AccountField.GRAPH_MAILBOX, "a@b.example")
                        .build(), "test"));
        assertEquals(Set.of("graph.mailbox"), fields(smtpWithGraph));
    }

    @Test
    void changingTheTenantNeedsTheSecretAgain() {
        EmailAccount saved = save(GraphStandIn.TENANT, GraphStandIn.CLIENT_SECRET, GraphStandIn.MAILBOX);
        ValidationException moved = assertThrows(ValidationException.class, () -> accounts.update(saved.id(),
                saved.version(), form("fabrikam.onmicrosoft.com", GraphStandIn.MAILBOX).build(), "test"));
        assertEquals(Set.of("graph.clientSecret"), fields(moved));
    }

    @Test
    void oneActiveOutboundAccountAcrossSmtpAndGraph() {
        EmailAccount smtp = accounts.activeSmtp().orElseThrow();
        EmailAccount saved = save(GraphStandIn.TENANT, GraphStandIn.CLIENT_SECRET, GraphStandIn.MAILBOX);
        AccountRuleException second = assertThrows(AccountRuleException.class, () -> accounts.update(saved.id(),
                saved.version(), form(GraphStandIn.TENANT, GraphStandIn.MAILBOX).set(AccountField.ACTIVE, true).build(),
                "test"));
        assertTrue(second.getMessage().contains("Only one outbound account (SMTP or Microsoft Graph) may be active"),
                second.getMessage());
        EmailAccount active = accounts.makeActiveSmtp(saved.id(), saved.version(), smtp.id(), false, "test");
        assertTrue(active.active());
        assertFalse(accounts.get(smtp.id()).active(), "Default SMTP stepped down");
        assertEquals(saved.id(), accounts.activeSmtp().orElseThrow().id());
        EmailAccount back = accounts.get(smtp.id());
        accounts.makeActiveSmtp(back.id(), back.version(), saved.id(), false, "test");
        assertFalse(accounts.get(saved.id()).active(), "and back");
    }

    @Test
    void testConnectionGetsATokenAndFindsTheMailboxAndSendsNothing() {
        EmailAccount saved = save(GraphStandIn.TENANT, GraphStandIn.CLIENT_SECRET, GraphStandIn.MAILBOX);
        ConnectionTestResult result = connections.test(saved.id()).result();
        assertTrue(result.ok(), result.message());
        assertTrue(result.message().contains("The mailbox " + GraphStandIn.MAILBOX + " exists"), result.message());
        assertTrue(result.message().contains("Not checked: whether the app may send as"), result.message());
        assertEquals(0, graph.sendRequests(), "sends nothing");
        assertFalse(result.message().contains(GraphStandIn.TOKEN_PREFIX));
    }

    @Test
    void withDebugLoggingTestConnectionKeepsItsExchangesWithoutTokenOrSecret() {
        EmailAccount saved = accounts.create(form(GraphStandIn.TENANT, GraphStandIn.MAILBOX)
                .set(AccountField.DEBUG_LOGGING, "true")
                .secret(AccountSecret.GRAPH_CLIENT_SECRET, GraphStandIn.CLIENT_SECRET).build(), "test");
        AccountConnections.TestOutcome outcome = connections.test(saved.id());
        assertTrue(outcome.result().ok(), outcome.result().message());
        assertNotNull(outcome.transcriptId(), "a transcript is kept");
        String text = connections.transcripts(saved.id()).get(0).text();
        assertTrue(text.contains("POST " + graph.url()) && text.contains("-> 200"), text);
        assertTrue(text.contains("GET " + graph.url() + "/v1.0/users/"), text);
        assertFalse(text.contains(GraphStandIn.CLIENT_SECRET) || text.contains(GraphStandIn.TOKEN_PREFIX), text);
        assertEquals(0, graph.sendRequests(), "sends nothing");
    }

    @Test
    void testConnectionNamesAWrongClientSecret() {
        EmailAccount saved = save(GraphStandIn.TENANT, "not-the-secret", GraphStandIn.MAILBOX);
        ConnectionTestResult result = connections.test(saved.id()).result();
        assertFalse(result.ok());
        assertTrue(result.message().contains("AADSTS7000215"), result.message());
        assertTrue(result.message().contains("copy the secret's Value (not its Secret ID)"), result.message());
        assertFalse(result.message().contains("not-the-secret"), "the secret is not repeated");
    }

    @Test
    void testConnectionNamesAnUnknownTenant() {
        EmailAccount saved = save("fabrikam.onmicrosoft.com", GraphStandIn.CLIENT_SECRET, GraphStandIn.MAILBOX);
        ConnectionTestResult result = connections.test(saved.id()).result();
        assertFalse(result.ok());
        assertTrue(result.message().contains("AADSTS90002") && result.message().contains("the tenant was not found"),
                result.message());
    }

    @Test
    void testConnectionNamesAMailboxThatDoesNotExist() {
        EmailAccount saved = save(GraphStandIn.TENANT, GraphStandIn.CLIENT_SECRET, "nobody@contoso.example");
        ConnectionTestResult result = connections.test(saved.id()).result();
        assertFalse(result.ok());
        assertTrue(result.message().contains("The mailbox nobody@contoso.example does not exist"), result.message());
    }

    @Test
    void testConnectionSaysWhatItCouldNotCheck() {
        graph.mayReadUsers = false;
        EmailAccount saved = save(GraphStandIn.TENANT, GraphStandIn.CLIENT_SECRET, GraphStandIn.MAILBOX);
        ConnectionTestResult result = connections.test(saved.id()).result();
        assertTrue(result.ok(), result.message());
        assertTrue(result.message().contains("Could not check the mailbox") && result.message().contains("User.Read.All"),
                result.message());
    }

    @Test
    void testConnectionOfAnUnsavedFormWithACertificate() throws Exception {
        graph.trustCertificate(TestTls.certificatePem());
        ConnectionTestResult result = connections.testForm(null, form(GraphStandIn.TENANT, GraphStandIn.MAILBOX)
                .secret(AccountSecret.GRAPH_CERTIFICATE, TestTls.certificatePem())
                .secret(AccountSecret.GRAPH_PRIVATE_KEY, Files.readString(TestTls.dir().resolve("key.pem")))
                .build()).result();
        assertTrue(result.ok(), result.message());
        assertTrue(result.message().contains("with its certificate"), result.message());
        assertTrue(graph.problems().isEmpty(), graph.problems().toString());
    }

    @Test
    void sendTestEmailGoesStraightToGraphAsForSmtpEvenWhenNotActive() throws Exception {
        EmailAccount saved = save(GraphStandIn.TENANT, GraphStandIn.CLIENT_SECRET, GraphStandIn.MAILBOX);
        AccountConnections.EmailOutcome sent = connections.sendTestEmail(saved.id(), "tester@customer.example");
        assertTrue(sent.result().ok(), sent.result().message());
        assertTrue(sent.result().message().contains("through Microsoft Graph as " + GraphStandIn.MAILBOX),
                sent.result().message());
        assertEquals(1, graph.sent().size());
        assertTrue(graph.sent().get(0).text().contains("Subject: Mail Console test email"));
        graph.script(GraphStandIn.Answer.error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));
        AccountConnections.EmailOutcome denied = connections.sendTestEmail(saved.id(), "tester@customer.example");
        assertFalse(denied.result().ok());
        assertTrue(denied.result().message().contains("403 ErrorAccessDenied"), denied.result().message());
    }
}
