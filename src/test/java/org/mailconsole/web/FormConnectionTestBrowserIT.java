package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.MailServers;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 11 item 2: Test Connection tries what the form holds (stored secrets where a box is blank),
 * saves nothing, works for a new account, and shows its result on the form after a redirect (a
 * reload does not test again). Real GreenMail IMAP behind it.
 */
class FormConnectionTestBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;
    static MailServers mail;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        browser = chromium.driver();
        mail = MailServers.start();
        admin = console.admin();
    }

    @AfterAll
    static void stop() {
        mail.close();
    }

    @Test
    void aNewAccountIsTestedBeforeItIsSaved() throws Exception {
        chromium.open("/accounts/new");
        type("name", "Unsaved IMAP");
        new Select(browser.findElement(By.id("type"))).selectByValue("IMAP");
        new Select(browser.findElement(By.id("security"))).selectByValue("NONE");
        type("server", MailServers.HOST);
        type("port", String.valueOf(MailServers.IMAP));
        type("userName", MailServers.USER);
        type("password", "not-the-password");
        chromium.submit("test-connection");
        String failed = result();
        assertTrue(failed.contains("Test Connection: failed"), failed);
        assertTrue(browser.getCurrentUrl().contains("/accounts/new?tested="), browser.getCurrentUrl());
        assertEquals(String.valueOf(MailServers.IMAP), browser.findElement(By.id("port")).getDomProperty("value"),
                "the form still holds what was typed");
        assertFalse(browser.getPageSource().contains("not-the-password"));

        type("password", MailServers.PASSWORD);
        chromium.submit("test-connection");
        String ok = result();
        assertTrue(ok.contains("Test Connection: succeeded"), ok);
        assertTrue(ok.contains("nothing was saved"), ok);
        chromium.screenshot("test-connection-unsaved");
        assertFalse(admin.get("/api/v1/accounts").body().contains("Unsaved IMAP"), "testing saves nothing");
    }

    @Test
    void unsavedEditsAreTestedWithTheStoredPasswordAndAReloadDoesNotTestAgain() throws Exception {
        chromium.open("/accounts/new");
        type("name", "Saved IMAP");
        new Select(browser.findElement(By.id("type"))).selectByValue("IMAP");
        new Select(browser.findElement(By.id("security"))).selectByValue("NONE");
        type("server", MailServers.HOST);
        type("port", String.valueOf(MailServers.IMAP));
        type("userName", MailServers.USER);
        type("password", MailServers.PASSWORD);
        WebElement debug = browser.findElement(By.id("debugLogging"));
        if (!debug.isSelected()) {
            debug.click();
        }
        browser.findElement(By.id("save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        String path = URI.create(browser.getCurrentUrl()).getPath();
        long id = Long.parseLong(path.replaceAll(".*/accounts/([0-9]+).*", "$1"));

        // an unsaved other port with the password box blank: the stored password is not sent there; the form
        // asks for it again and nothing connects (StoredSecretRule)
        type("port", String.valueOf(MailServers.POP3));
        chromium.submit("test-connection");
        String asked = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary"))).getText();
        assertTrue(asked.contains("password"), asked);
        // typed again, the wrong port is tried: the test fails although the saved values work
        type("port", String.valueOf(MailServers.POP3));
        type("password", MailServers.PASSWORD);
        chromium.submit("test-connection");
        assertTrue(result().contains("Test Connection: failed"));
        JsonNode stored = admin.json(admin.get("/api/v1/accounts/" + id));
        assertEquals(MailServers.IMAP, stored.get("port").asInt(), "the edit was not saved");

        // the saved values again, password box blank: the stored password is used
        type("port", String.valueOf(MailServers.IMAP));
        type("password", "");
        assertEquals("", browser.findElement(By.id("password")).getDomProperty("value"));
        chromium.submit("test-connection");
        assertTrue(result().contains("Test Connection: succeeded"), result());
        int transcripts = admin.json(admin.get("/api/v1/accounts/" + id + "/transcripts")).get("transcripts").size();
        browser.navigate().refresh();
        assertTrue(result().contains("Test Connection: succeeded"), "a reload shows the same result");
        assertEquals(transcripts, admin.json(admin.get("/api/v1/accounts/" + id + "/transcripts"))
                .get("transcripts").size(), "a reload does not run the test again");
        chromium.screenshot("test-connection-saved");
    }

    @Test
    void withoutJavaScriptTheFormPostsAndRedirects() {
        String csrf = ConsoleClient.csrfToken(admin.get("/accounts/new").body());
        var response = admin.postMultipart("/accounts/new/test", java.util.List.of(
                java.util.Map.entry("_csrf", csrf), java.util.Map.entry("name", "Plain form"),
                java.util.Map.entry("type", "IMAP"), java.util.Map.entry("authentication", "PASSWORD"),
                java.util.Map.entry("security", "NONE"), java.util.Map.entry("server", MailServers.HOST),
                java.util.Map.entry("port", String.valueOf(MailServers.IMAP)),
                java.util.Map.entry("userName", MailServers.USER), java.util.Map.entry("password", MailServers.PASSWORD),
                java.util.Map.entry("version", "0")), java.util.Map.of());
        assertEquals(303, response.statusCode(), response.body());
        String page = admin.followed(response).body();
        assertTrue(page.contains("Test Connection: succeeded"), page);
        assertTrue(page.contains("value=\"Plain form\""), page);
        assertFalse(page.contains(MailServers.PASSWORD));

        var refused = admin.postMultipart("/accounts/new/test", java.util.List.of(
                java.util.Map.entry("_csrf", csrf), java.util.Map.entry("name", ""),
                java.util.Map.entry("type", "IMAP"), java.util.Map.entry("authentication", "PASSWORD"),
                java.util.Map.entry("security", "NONE"), java.util.Map.entry("server", ""),
                java.util.Map.entry("version", "0")), java.util.Map.of());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Not tested"), refused.body());
    }

    private static String result() {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result"))).getText();
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
