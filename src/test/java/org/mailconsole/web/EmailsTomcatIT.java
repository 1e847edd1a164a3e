package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.EmailLogEntries;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * The email log screens in the real Tomcat 10.1 that Cargo runs (its own BASIC realm, security
 * constraints and error pages): the mailbox list, an entry, Cancel by an admin with the form's token,
 * a viewer's forged post refused, a bad parameter a 400 page.
 */
class EmailsTomcatIT {
    static ConsoleClient admin;
    static ConsoleClient viewer;
    static ScriptedSmtp smtp;
    static EmailLogEntries entries;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(Boolean.getBoolean("it.tomcat.skipped"), "Tomcat not started (-Dcargo.skip=true)");
        String url = System.getProperty("it.tomcat.url");
        admin = new ConsoleClient(url, System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
        viewer = new ConsoleClient(url, System.getProperty("it.viewer.user"), System.getProperty("it.viewer.password"));
        smtp = ScriptedSmtp.start();
        entries = new EmailLogEntries(admin, smtp);
        entries.fillEveryMailbox();
    }

    @AfterAll
    static void stop() throws Exception {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void theListAnEntryAndCancelWorkInTomcatAndAViewerCannotAct() {
        long outbox = entries.id(EmailLogEntries.OUTBOX);
        HttpResponse<String> list = admin.get("/emails?mailbox=outbox");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("id=\"email-" + outbox + "\""), list.body());
        assertFalse(list.body().contains(EmailLogEntries.SENT), "the Outbox tab lists the Outbox only");

        String asViewer = viewer.get("/emails/" + outbox).body();
        assertTrue(asViewer.contains("451 4.3.0 try again later"), asViewer);
        assertFalse(asViewer.contains("id=\"cancel\"") || asViewer.contains("id=\"retry\""));
        String viewerToken = ConsoleClient.csrfToken(viewer.get("/properties/email").body());
        assertEquals(403, viewer.postForm("/emails/" + outbox + "/cancel",
                List.of(Map.entry("_csrf", viewerToken))).statusCode());
        assertEquals("send-ready", entries.current(outbox).get("state").asText());

        String page = admin.get("/emails/" + outbox).body();
        assertTrue(page.contains("id=\"cancel\""), page);
        HttpResponse<String> cancelled = admin.postForm("/emails/" + outbox + "/cancel",
                List.of(Map.entry("_csrf", ConsoleClient.csrfToken(page))));
        assertEquals(303, cancelled.statusCode(), cancelled.body());
        assertTrue(cancelled.headers().firstValue("Location").orElse("").endsWith("/emails/" + outbox + "?cancelled"));
        assertEquals("send-ignored", entries.current(outbox).get("state").asText());
        assertTrue(admin.get("/emails/" + outbox + "?cancelled").body()
                .contains("Cancelled: the message is now in Skipped."));
    }

    @Test
    void badParametersAre400PagesAndUnknownEntries404() {
        HttpResponse<String> bad = admin.get("/emails?mailbox=bogus&size=0");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"problem-mailbox\"") && bad.body().contains("id=\"problem-size\""),
                bad.body());
        assertEquals(404, admin.get("/emails/not-a-number").statusCode());
        assertEquals(404, admin.get("/emails/987654321").statusCode());
    }
}
