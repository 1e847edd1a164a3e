package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.ScriptedSmtp;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issues 20 and 21 on a 400 px screen: the Connections, Messages per minute and Recipients per day
 * fields of Default SMTP's form (refused at the field with nothing saved, then saved) and the
 * Delivery rows of Email diagnostics, neither scrolling sideways.
 */
class ConnectionsBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;
    static ConsoleClient admin;
    static ScriptedSmtp relay;

    @BeforeAll
    static void start() throws Exception {
        browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(400, 900));
        admin = console.admin();
        relay = ScriptedSmtp.start();
        long version = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", "{\"version\": " + version
                + ", \"values\": {\"glide.email.server\": \"127.0.0.1\", \"glide.smtp.port\": \"" + relay.port()
                + "\", \"glide.smtp.encryption\": \"none\", \"glide.smtp.auth\": \"false\"}}").statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        // the limits lifted again for the other tests of this console
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                admin.json(admin.get("/api/v1/accounts/" + defaultSmtp())).deepCopy();
        body.putNull("messagesPerMinute").putNull("recipientsPerDay");
        assertEquals(200, admin.putJson("/api/v1/accounts/" + defaultSmtp(), body.toString()).statusCode());
    }

    static long defaultSmtp() {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals("Default SMTP")) {
                return account.get("id").asLong();
            }
        }
        throw new AssertionError("no Default SMTP");
    }

    @Test
    void theFieldIsOnDefaultSmtpsFormAndTheDiagnosticsShowTheConnections() throws Exception {
        long id = defaultSmtp();
        chromium.open("/accounts/" + id);
        WebElement field = browser.findElement(By.id("maxConnections"));
        assertTrue(field.isDisplayed() && field.isEnabled(), "Default SMTP's Connections can be edited");
        assertEquals("4", field.getDomProperty("value"));
        field.clear();
        field.sendKeys("0");
        browser.findElement(By.id("save-top")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-maxConnections")));
        assertTrue(browser.findElement(By.id("error-maxConnections")).getText().contains("from 1 to 50"));
        assertEquals("true", browser.findElement(By.id("maxConnections")).getDomAttribute("aria-invalid"));
        assertNoSidewaysScroll();
        chromium.screenshot("connections-refused-400");
        assertEquals(4, admin.json(admin.get("/api/v1/accounts/" + id)).get("maxConnections").asInt(), "nothing saved");

        WebElement again = browser.findElement(By.id("maxConnections"));
        again.clear();
        again.sendKeys("6");
        browser.findElement(By.id("save-top")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("6", browser.findElement(By.id("maxConnections")).getDomProperty("value"));
        assertEquals(6, admin.json(admin.get("/api/v1/accounts/" + id)).get("maxConnections").asInt());
        chromium.screenshot("connections-form-400");

        assertEquals(200, admin.postJson("/api/v1/test-email", "{\"to\": \"diag@example.com\"}").statusCode());
        chromium.open("/diagnostics");
        WebElement row = browser.findElement(By.id("delivery-" + id));
        assertTrue(row.getText().contains("Default SMTP"), row.getText());
        assertTrue(row.findElement(By.className("delivery-connections")).getText().contains("6 allowed"), row.getText());
        assertTrue(row.findElement(By.className("delivery-drain")).getText().contains("the Outbox is empty"), row.getText());
        assertNoSidewaysScroll();
        chromium.screenshot("diagnostics-delivery-400");
    }

    @Test
    void theLimitsAreRefusedAtTheirFieldsThenSavedAndDiagnosticsShowsThem() throws Exception {
        long id = defaultSmtp();
        chromium.open("/accounts/" + id);
        type("messagesPerMinute", "0");
        type("recipientsPerDay", "lots");
        browser.findElement(By.id("save-top")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-messagesPerMinute")));
        assertEquals("true", browser.findElement(By.id("messagesPerMinute")).getDomAttribute("aria-invalid"));
        assertEquals("true", browser.findElement(By.id("recipientsPerDay")).getDomAttribute("aria-invalid"));
        assertTrue(browser.findElement(By.id("error-recipientsPerDay")).isDisplayed());
        assertNoSidewaysScroll();
        chromium.screenshot("rate-limits-refused-400");
        JsonNode unchanged = admin.json(admin.get("/api/v1/accounts/" + id));
        assertTrue(unchanged.get("messagesPerMinute").isNull() && unchanged.get("recipientsPerDay").isNull(),
                "nothing saved: " + unchanged);

        type("messagesPerMinute", "30");
        type("recipientsPerDay", "10000");
        browser.findElement(By.id("save-top")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        JsonNode saved = admin.json(admin.get("/api/v1/accounts/" + id));
        assertEquals(30, saved.get("messagesPerMinute").asInt());
        assertEquals(10000, saved.get("recipientsPerDay").asInt());
        assertNoSidewaysScroll();
        chromium.screenshot("rate-limits-form-400");

        chromium.open("/diagnostics");
        WebElement limits = browser.findElement(By.id("delivery-" + id)).findElement(By.className("delivery-budget"));
        assertTrue(limits.getText().contains("of 30 messages in the last minute")
                && limits.getText().contains("of 10,000 recipients in 24 h"), limits.getText());
        assertNoSidewaysScroll();
        chromium.screenshot("diagnostics-limits-400");
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void assertNoSidewaysScroll() {
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page scrolls sideways at 400 px: " + browser.getCurrentUrl());
    }
}
