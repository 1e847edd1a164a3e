package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 11 item 1: "Make this the active SMTP account" switches in one transaction, naming the
 * account it deactivates; System Properties > Email then says its outgoing server is not in effect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchActiveSmtpBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;
    static ConsoleClient admin;

    @BeforeAll
    static void driver() {
        browser = chromium.driver();
        admin = console.admin();
    }

    @Test
    @Order(1)
    void theSwitchNamesTheActiveAccountAndLeavesExactlyOneActive() throws Exception {
        JsonNode mine = create("Own relay");
        long defaultSmtp = accountId("Default SMTP");
        assertTrue(account(defaultSmtp).get("active").asBoolean(), "Default SMTP starts active");

        chromium.open("/accounts/" + mine.get("id").asLong());
        browser.findElement(By.id("make-active-link")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("switch-summary")));
        assertTrue(browser.findElement(By.id("switch-summary")).getText().contains("deactivates Default SMTP"),
                browser.findElement(By.id("switch-summary")).getText());
        assertEquals("/mail-console/accounts/" + defaultSmtp,
                java.net.URI.create(browser.findElement(By.id("replaces-link")).getDomProperty("href")).getPath());
        chromium.screenshot("make-active-confirm");
        browser.findElement(By.id("confirm-make-active")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("This is now the active SMTP account.", browser.findElement(By.id("notice")).getText());
        assertTrue(browser.findElement(By.id("active")).isSelected());
        assertTrue(browser.findElements(By.id("make-active-link")).isEmpty(), "no switch offered to the active one");

        assertTrue(account(mine.get("id").asLong()).get("active").asBoolean());
        assertFalse(account(defaultSmtp).get("active").asBoolean());
        String audit = admin.get("/properties/email").body();
        assertTrue(audit.contains("Email account Default SMTP"), "the deactivation is audited");

        chromium.open("/properties/email");
        String note = browser.findElement(By.id("outgoing-not-in-effect")).getText();
        assertTrue(note.contains("Default SMTP is inactive"), note);
        assertTrue(note.contains("Own relay"), note);
        assertTrue(browser.findElement(By.id("active-smtp-link")).getDomProperty("href")
                .endsWith("/accounts/" + mine.get("id").asLong()));
        chromium.screenshot("properties-outgoing-not-in-effect");

        // back again through the API, naming the one expected
        HttpResponse<String> back = admin.postJson("/api/v1/accounts/" + defaultSmtp + "/make-active",
                "{\"version\": " + account(defaultSmtp).get("version").asLong() + ", \"replaces\": "
                        + mine.get("id").asLong() + "}");
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(admin.json(back).get("active").asBoolean());
        assertFalse(account(mine.get("id").asLong()).get("active").asBoolean());
        chromium.open("/properties/email");
        assertTrue(browser.findElements(By.id("outgoing-not-in-effect")).isEmpty(),
                "Default SMTP active: its server is in effect, no note");
    }

    @Test
    @Order(2)
    void aSwitchConfirmedAgainstAnAccountNoLongerActiveChangesNothing() {
        JsonNode a = create("Relay A");
        JsonNode b = create("Relay B");
        long current = activeSmtpId();
        // the admin looked while A was active (it never was): refused, naming the one that is
        HttpResponse<String> refused = admin.postJson("/api/v1/accounts/" + b.get("id").asLong() + "/make-active",
                "{\"version\": " + b.get("version").asLong() + ", \"replaces\": " + a.get("id").asLong() + "}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"active\""), refused.body());
        assertEquals(current, activeSmtpId(), "nothing changed");
        assertFalse(account(b.get("id").asLong()).get("active").asBoolean());

        HttpResponse<String> pop = admin.postJson("/api/v1/accounts/" + accountId("Default POP3") + "/make-active",
                "{\"version\": 1}");
        assertEquals(409, pop.statusCode(), pop.body());
        assertTrue(pop.body().contains("\"type\""), pop.body());

        HttpResponse<String> bad = admin.postJson("/api/v1/accounts/" + b.get("id").asLong() + "/make-active",
                "{\"version\": \"x\", \"other\": 1}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"version\"") && bad.body().contains("\"other\""), bad.body());
    }

    @Test
    @Order(3)
    void concurrentSwitchesLeaveExactlyOneActiveSmtpAccount() throws Exception {
        List<JsonNode> relays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            relays.add(create("Racing relay " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(relays.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (JsonNode relay : relays) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return admin.postJson("/api/v1/accounts/" + relay.get("id").asLong() + "/make-active",
                            "{\"version\": " + relay.get("version").asLong() + "}").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get().intValue(), "without replaces each switch deactivates whichever is active");
            }
        } finally {
            pool.shutdownNow();
        }
        long activeSmtp = 0;
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("type").asText().equals("smtp") && account.get("active").asBoolean()) {
                activeSmtp++;
            }
        }
        assertEquals(1, activeSmtp, "exactly one active SMTP account after racing switches");
    }

    private static JsonNode create(String name) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "smtp");
        body.put("authentication", "none");
        body.put("server", "relay.example.com");
        body.put("security", "ssl");
        body.put("active", false);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        return admin.json(created);
    }

    private static JsonNode account(long id) {
        return admin.json(admin.get("/api/v1/accounts/" + id));
    }

    private static long accountId(String name) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account.get("id").asLong();
            }
        }
        throw new AssertionError("no account " + name);
    }

    private static long activeSmtpId() {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("type").asText().equals("smtp") && account.get("active").asBoolean()) {
                return account.get("id").asLong();
            }
        }
        return -1;
    }
}
