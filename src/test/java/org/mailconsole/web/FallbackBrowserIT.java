package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 21 on a 400 px screen: Default SMTP's form chooses a fallback account (email-model.md
 * section 7.3) and fills its limits from the presets (Microsoft 365, Google Workspace, Amazon SES
 * from a rate per second), saved and shown again, without scrolling sideways.
 */
class FallbackBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(400, 900));
        admin = console.admin();
    }

    static JsonNode byName(String name) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account;
            }
        }
        throw new AssertionError("no account " + name);
    }

    static String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    @Test
    void theFallbackAndThePresetsAreOnTheFormAndSaved() throws Exception {
        HttpResponse<String> created = admin.postJson("/api/v1/accounts",
                AccountsApiIT.account("Backup relay (browser)", "smtp").toString());
        assertEquals(201, created.statusCode(), created.body());
        long backup = admin.json(created).get("id").asLong();
        long id = byName("Default SMTP").get("id").asLong();
        try {
            chromium.open("/accounts/" + id);
            Select fallback = new Select(browser.findElement(By.id("fallbackAccountId")));
            assertEquals("(none)", fallback.getFirstSelectedOption().getText());
            fallback.selectByValue(String.valueOf(backup));

            browser.findElement(By.id("preset-limits-microsoft365")).click();
            assertEquals("3", value("maxConnections"));
            assertEquals("30", value("messagesPerMinute"));
            assertEquals("10000", value("recipientsPerDay"));
            browser.findElement(By.id("preset-limits-google")).click();
            assertEquals("10000", value("recipientsPerDay"));
            WebElement rate = browser.findElement(By.id("ses-rate"));
            assertTrue(rate.isDisplayed(), "the SES rate shows with script on");
            rate.sendKeys("14");
            browser.findElement(By.id("preset-limits-ses")).click();
            assertEquals("840", value("messagesPerMinute"), "14 a second is 840 a minute");
            browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("delivery-presets")));
            assertNoSidewaysScroll();
            chromium.screenshot("fallback-presets-400");

            browser.findElement(By.id("save-top")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
            JsonNode saved = byName("Default SMTP");
            assertEquals(backup, saved.get("fallbackAccountId").asLong());
            assertEquals(840, saved.get("messagesPerMinute").asInt());
            assertEquals(10000, saved.get("recipientsPerDay").asInt());
            assertEquals(3, saved.get("maxConnections").asInt());
            assertEquals(String.valueOf(backup),
                    new Select(browser.findElement(By.id("fallbackAccountId"))).getFirstSelectedOption().getDomAttribute("value"));
            assertNoSidewaysScroll();
            chromium.screenshot("fallback-saved-400");
        } finally {
            // Default SMTP as it was, for the other tests of this console
            ObjectNode back = ((ObjectNode) byName("Default SMTP").deepCopy()).putNull("fallbackAccountId")
                    .putNull("messagesPerMinute").putNull("recipientsPerDay").put("maxConnections", 4);
            assertEquals(200, admin.putJson("/api/v1/accounts/" + id, back.toString()).statusCode());
            assertEquals(204, admin.delete("/api/v1/accounts/" + backup).statusCode());
        }
    }

    private static void assertNoSidewaysScroll() {
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page scrolls sideways at 400 px: " + browser.getCurrentUrl());
    }
}
