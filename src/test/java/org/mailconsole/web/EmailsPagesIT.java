package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.EmailLogEntries;
import org.mailconsole.testing.MailServers;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * The email log screens (/emails, /emails/{id}) in the real WAR (embedded Jetty), with entries in
 * every mailbox made by the console's test email against a scripted SMTP server, and one sent with a
 * debug-recording account through GreenMail: tabs and counts, paging, search, the entry's details and
 * attempts, Retry now and Cancel for an admin only (post/redirect/get, CSRF, 409 by state), 400 pages
 * for bad parameters, and no secret on any page.
 */
class EmailsPagesIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static final Pattern ROW = Pattern.compile("<tr id=\"email-([0-9]+)\">");
    static ConsoleServer server;
    static ConsoleClient admin;
    static ScriptedSmtp smtp;
    static MailServers mail;
    static EmailLogEntries entries;
    static final String RECORDED = "recorded@example.com";

    @BeforeAll
    static void fill() throws Exception {
        server = console.server();
        admin = server.admin();
        smtp = ScriptedSmtp.start();
        mail = MailServers.start();
        entries = new EmailLogEntries(admin, smtp);
        entries.fillEveryMailbox();
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
        mail.close();
    }

    static String page(ConsoleClient client, String path) {
        HttpResponse<String> response = client.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    static List<Long> rows(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = ROW.matcher(html);
        while (matcher.find()) {
            ids.add(Long.valueOf(matcher.group(1)));
        }
        return ids;
    }

    static String tab(String html, String mailbox) {
        Matcher matcher = Pattern.compile("id=\"tab-" + mailbox + "\"[^>]*>[^<]*<span class=\"count\">([0-9]+)</span>")
                .matcher(html);
        assertTrue(matcher.find(), "no tab " + mailbox + ": " + html);
        return matcher.group(1);
    }

    @Test
    void eachMailboxTabListsItsEntriesNewestFirstWithTheCounts() {
        JsonNode api = admin.json(admin.get("/api/v1/emails?size=200"));
        String all = page(admin, "/emails");
        assertTrue(all.contains("id=\"nav-emails\""), "the navigation has Emails");
        assertEquals(api.get("total").asText(), tab(all, "all"));
        List<Long> ids = rows(all);
        assertEquals(api.get("total").asInt(), ids.size());
        List<Long> sorted = new ArrayList<>(ids);
        sorted.sort((a, b) -> Long.compare(b, a));
        assertEquals(sorted, ids, "newest first");

        for (String mailbox : List.of("outbox", "sent", "failed", "skipped")) {
            JsonNode box = admin.json(admin.get("/api/v1/emails?size=200&mailbox=" + mailbox));
            String html = page(admin, "/emails?mailbox=" + mailbox);
            assertEquals(box.get("total").asText(), tab(html, mailbox), mailbox);
            assertTrue(html.contains("id=\"tab-" + mailbox + "\" href=\"/mail-console/emails?mailbox=" + mailbox
                    + "\" class=\"current\""), "the current tab is marked: " + mailbox);
            List<Long> expected = new ArrayList<>();
            box.get("emails").forEach(e -> expected.add(e.get("id").asLong()));
            assertEquals(expected, rows(html), mailbox);
        }
        assertTrue(rows(page(admin, "/emails?mailbox=sent")).contains(entries.id(EmailLogEntries.SENT)));
        assertTrue(rows(page(admin, "/emails?mailbox=failed")).contains(entries.id(EmailLogEntries.FAILED)));
        assertTrue(rows(page(admin, "/emails?mailbox=skipped")).contains(entries.id(EmailLogEntries.SKIPPED)));
        assertTrue(rows(page(admin, "/emails?mailbox=outbox")).contains(entries.id(EmailLogEntries.OUTBOX)));
    }

    @Test
    void pagesFollowOneAnotherAndSearchFindsRecipientSenderAndSubject() {
        List<Long> everything = rows(page(admin, "/emails"));
        String first = page(admin, "/emails?size=2");
        assertEquals(everything.subList(0, 2), rows(first));
        assertTrue(first.contains("id=\"older\" href=\"/mail-console/emails?size=2&amp;page=1\""), first);
        assertFalse(first.contains("id=\"newer\""));
        String second = page(admin, "/emails?size=2&page=1");
        assertEquals(everything.subList(2, 4), rows(second));
        assertTrue(second.contains("3&ndash;4 of " + everything.size()), second);
        assertTrue(second.contains("id=\"newer\" href=\"/mail-console/emails?size=2\""), second);
        assertTrue(rows(page(admin, "/emails?size=2&page=99")).isEmpty(), "past the end: an empty page");

        assertEquals(List.of(entries.id(EmailLogEntries.FAILED)), rows(page(admin, "/emails?q=FAILED-one")),
                "by recipient, any case");
        assertEquals(List.of(entries.id(EmailLogEntries.PARTIAL)),
                rows(page(admin, "/emails?q=" + EmailLogEntries.REFUSED)), "a refused recipient is a recipient");
        List<Long> filled = List.of(entries.id(EmailLogEntries.SENT), entries.id(EmailLogEntries.PARTIAL),
                entries.id(EmailLogEntries.FAILED), entries.id(EmailLogEntries.OUTBOX), entries.id(EmailLogEntries.SKIPPED));
        assertTrue(rows(page(admin, "/emails?q=LOG-sender")).containsAll(filled), "by sender");
        assertTrue(rows(page(admin, "/emails?q=console+test+email")).containsAll(filled), "by subject");
        assertEquals(List.of(entries.id(EmailLogEntries.OUTBOX)),
                rows(page(admin, "/emails?mailbox=outbox&q=waiting")), "within a mailbox");
        assertTrue(rows(page(admin, "/emails?mailbox=sent&q=waiting")).isEmpty());
        String none = page(admin, "/emails?q=%3Cb%3Enobody");
        assertTrue(none.contains("No emails match &ldquo;&lt;b&gt;nobody&rdquo;"), "escaped: " + none);
    }

    @Test
    void anEntryShowsRecipientsRepliesAttemptsAndTheNextAttempt() {
        String partial = page(admin, "/emails/" + entries.id(EmailLogEntries.PARTIAL));
        assertTrue(partial.contains(EmailLogEntries.PARTIAL) && partial.contains(EmailLogEntries.REFUSED));
        assertTrue(partial.contains("<dd id=\"recipients\"><ul class=\"addresses\"><li>" + EmailLogEntries.REDIRECTED
                + "</li></ul>"), "the original recipient: " + partial);
        assertTrue(partial.contains("no such user"), "the refused recipient's reply: " + partial);
        assertTrue(partial.contains("250 2.0.0 accepted for delivery"), "the last reply");
        assertTrue(partial.contains("<td data-label=\"Outcome\"><div class=\"attempt-outcome partial\"><span class=\"outcome-mark\" aria-hidden=\"true\">✓</span> partial</div></td>"), "the attempt's outcome");
        assertFalse(partial.contains("id=\"retry\""), "a Sent message has no Retry now");
        assertFalse(partial.contains("id=\"cancel\""));

        long outbox = entries.id(EmailLogEntries.OUTBOX);
        String waiting = page(admin, "/emails/" + outbox);
        JsonNode api = entries.current(outbox);
        assertTrue(waiting.contains("451 4.3.0 try again later"), waiting);
        assertTrue(waiting.contains("<td data-label=\"Outcome\"><div class=\"attempt-outcome deferred\"><span class=\"outcome-mark\" aria-hidden=\"true\">⟳</span> deferred</div></td>"), waiting);
        String next = api.get("nextAttemptAt").asText();
        assertTrue(waiting.contains(next.substring(0, 10) + " " + next.substring(11, 19) + " UTC"),
                "the next attempt " + next + ": " + waiting);
        assertTrue(waiting.contains("id=\"retry\"") && waiting.contains("id=\"cancel\""), "an admin's buttons");
        assertTrue(waiting.contains("name=\"_csrf\""));

        String failed = page(admin, "/emails/" + entries.id(EmailLogEntries.FAILED));
        assertTrue(failed.contains("550 5.7.1 rejected by policy"));
        assertTrue(failed.contains("id=\"retry\""));
        assertFalse(failed.contains("id=\"cancel\""), "a Failed message cannot be cancelled");

        String skipped = page(admin, "/emails/" + entries.id(EmailLogEntries.SKIPPED));
        assertTrue(skipped.contains("id=\"reason\""), skipped);
        assertFalse(skipped.contains("id=\"retry\"") || skipped.contains("id=\"cancel\""));
    }

    @Test
    void aViewerSeesNoButtonsAndAForgedPostIsRefused() {
        long outbox = entries.id(EmailLogEntries.OUTBOX);
        ConsoleClient viewer = server.viewer();
        String html = page(viewer, "/emails/" + outbox);
        assertFalse(html.contains("id=\"retry\"") || html.contains("id=\"cancel\"") || html.contains("<form method=\"post\""));
        assertTrue(page(viewer, "/emails?mailbox=outbox").contains("email-" + outbox));
        String token = ConsoleClient.csrfToken(page(viewer, "/properties/email"));
        HttpResponse<String> forged = viewer.postForm("/emails/" + outbox + "/cancel", List.of(Map.entry("_csrf", token)));
        assertEquals(403, forged.statusCode());
        HttpResponse<String> forgedRetry = viewer.postForm("/emails/" + outbox + "/retry", List.of(Map.entry("_csrf", token)));
        assertEquals(403, forgedRetry.statusCode());
        HttpResponse<String> noToken = admin.postForm("/emails/" + outbox + "/cancel", List.of());
        assertEquals(403, noToken.statusCode(), "an admin's post without the form's token");
        assertEquals("send-ready", entries.current(outbox).get("state").asText(), "nothing changed");
        assertEquals(1, entries.current(outbox).get("attempts").asInt());
    }

    @Test
    void retryNowAndCancelRedirectBackAndAreRefusedWhereTheStateDoesNotFit() {
        smtp.dataReply = "451 4.3.0 still busy";
        entries.testEmail("retry-cancel@example.com");
        long id = entries.id("retry-cancel@example.com");
        String token = ConsoleClient.csrfToken(page(admin, "/emails/" + id));

        smtp.dataReply = "250 2.0.0 retried fine";
        HttpResponse<String> retried = admin.postForm("/emails/" + id + "/retry", List.of(Map.entry("_csrf", token)));
        assertEquals(303, retried.statusCode(), retried.body());
        assertEquals("/mail-console/emails/" + id + "?retried", retried.headers().firstValue("Location").orElse(""));
        String after = page(admin, "/emails/" + id + "?retried");
        assertTrue(after.contains("Retry now: attempted. The message is now in Sent."), after);
        assertTrue(after.contains("250 2.0.0 retried fine"));
        assertTrue(after.contains("id=\"attempt-2\""), "two attempts listed");
        assertFalse(after.contains("id=\"retry\""), "Sent: no more Retry now");
        assertEquals(1, smtp.received().stream().filter(r -> r.recipients().contains("retry-cancel@example.com"))
                .count(), "the server took it once (the first attempt was answered 451)");

        HttpResponse<String> again = admin.postForm("/emails/" + id + "/retry", List.of(Map.entry("_csrf", token)));
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("id=\"error-summary\"") && again.body().contains("Not retried"), again.body());

        smtp.dataReply = "451 4.3.0 still busy";
        entries.testEmail("to-cancel@example.com");
        long waiting = entries.id("to-cancel@example.com");
        HttpResponse<String> cancelled = admin.postForm("/emails/" + waiting + "/cancel",
                List.of(Map.entry("_csrf", token)));
        assertEquals(303, cancelled.statusCode(), cancelled.body());
        String skipped = page(admin, "/emails/" + waiting + "?cancelled");
        assertTrue(skipped.contains("Cancelled: the message is now in Skipped."), skipped);
        assertTrue(skipped.contains("cancelled by " + ConsoleServer.ADMIN), skipped);
        assertEquals("send-ignored", entries.current(waiting).get("state").asText());
        HttpResponse<String> twice = admin.postForm("/emails/" + waiting + "/cancel", List.of(Map.entry("_csrf", token)));
        assertEquals(409, twice.statusCode());
        assertTrue(twice.body().contains("Not cancelled"), twice.body());

        assertEquals(404, admin.postForm("/emails/987654/retry", List.of(Map.entry("_csrf", token))).statusCode());
        assertEquals(405, admin.get("/emails/" + id + "/retry").statusCode());
        smtp.dataReply = "250 2.0.0 accepted for delivery";
    }

    @ParameterizedTest
    @CsvSource({"mailbox=bogus,mailbox", "mailbox=Sent,mailbox", "page=-1,page", "page=abc,page", "size=0,size",
        "size=10000,size", "size=1.5,size", "page=99999999999,page"})
    void badParametersAreA400PageNamingTheField(String query, String field) {
        HttpResponse<String> response = server.viewer().get("/emails?" + query);
        assertEquals(400, response.statusCode(), query + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("id=\"problem-" + field + "\""), response.body());
        assertTrue(response.body().contains("id=\"all-emails\""), "a way back");
    }

    @Test
    void aTooLongSearchIsA400AndBlankOrAllParametersAreTheDefaults() {
        HttpResponse<String> response = admin.get("/emails?q=" + "x".repeat(201));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("id=\"problem-q\""), response.body());
        String all = page(admin, "/emails?mailbox=all&q=&page=&size=");
        assertTrue(all.contains("id=\"tab-all\" href=\"/mail-console/emails\" class=\"current\""), all);
        assertEquals(rows(page(admin, "/emails")), rows(all));
    }

    @Test
    void unknownOrMalformedEntriesAre404() {
        assertEquals(404, admin.get("/emails/987654").statusCode());
        assertEquals(404, admin.get("/emails/abc").statusCode());
        assertEquals(404, admin.get("/emails/1/2").statusCode());
        assertEquals(404, admin.get("/emails/99999999999999999999").statusCode());
    }

    /**
     * Last: an account with debug logging and a password becomes the active SMTP account; its sends
     * link each attempt's transcript, and neither its password nor the properties' reaches a page.
     */
    @Test
    void anAttemptLinksItsTranscriptAndNoSecretIsShown() {
        String propertiesCanary = "props-pw-canary-6612";
        entries.patch(Map.of("glide.email.user_password", propertiesCanary));
        ObjectNode account = ConsoleClient.JSON.createObjectNode();
        account.put("name", "Recording GreenMail");
        account.put("type", "smtp");
        account.put("authentication", "password");
        account.put("server", MailServers.HOST);
        account.put("port", MailServers.SMTP);
        account.put("security", "none");
        account.put("userName", MailServers.USER);
        account.put("password", MailServers.PASSWORD);
        account.put("fromAddress", MailServers.USER);
        account.put("debugLogging", true);
        account.put("active", false);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", account.toString());
        assertEquals(201, created.statusCode(), created.body());
        long accountId = admin.json(created).get("id").asLong();
        setActive("Default SMTP", false);
        setActive("Recording GreenMail", true);
        try {
            assertTrue(entries.testEmail(RECORDED).get("ok").asBoolean());
            long id = entries.id(RECORDED);
            String html = page(admin, "/emails/" + id);
            JsonNode history = entries.current(id).get("history");
            long transcriptId = history.get(0).get("transcriptId").asLong();
            assertTrue(html.contains("href=\"/mail-console/accounts/" + accountId + "/log#transcript-" + transcriptId
                    + "\""), html);
            assertTrue(html.contains("Recording GreenMail"), "the account used");
            String log = page(admin, "/accounts/" + accountId + "/log");
            assertTrue(log.contains("id=\"transcript-" + transcriptId + "\""), "the link leads to the transcript");
            assertTrue(log.contains("AUTH"), "the account logged in with its password: " + log);
            for (String path : List.of("/emails", "/emails/" + id, "/emails?mailbox=sent", "/emails?q=recorded",
                    "/emails?mailbox=nope")) {
                String body = admin.get(path).body();
                assertFalse(body.contains(MailServers.PASSWORD), path);
                assertFalse(body.contains(propertiesCanary), path);
            }
        } finally {
            setActive("Recording GreenMail", false);
            setActive("Default SMTP", true);
        }
    }

    static void setActive(String name, boolean active) {
        for (JsonNode a : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (a.get("name").asText().equals(name)) {
                ObjectNode edit = ((ObjectNode) a.deepCopy()).put("active", active);
                HttpResponse<String> response = admin.putJson("/api/v1/accounts/" + a.get("id").asLong(), edit.toString());
                assertEquals(200, response.statusCode(), response.body());
                return;
            }
        }
        throw new AssertionError("no account " + name);
    }
}
