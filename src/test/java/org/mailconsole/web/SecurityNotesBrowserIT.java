package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 11 item 6: None warns, STARTTLS informs, nothing while outgoing mail is off; None / STARTTLS /
 * SSL/TLS on every page; an http:// token endpoint is refused naming the field (form and API); the
 * Microsoft 365 and Google presets fill the form.
 */
class SecurityNotesBrowserIT {
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
    void thePropertiesPageSaysNothingWhileOutgoingMailIsOffThenWarnsOrInforms() {
        chromium.open("/properties/email");
        Select security = new Select(browser.findElement(By.id("glide-smtp-encryption")));
        assertEquals(List.of("None", "STARTTLS", "SSL/TLS"), security.getOptions().stream().map(WebElement::getText).toList());
        security.selectByValue("none");
        WebElement note = browser.findElement(By.id("warning-glide-smtp-encryption"));
        assertFalse(note.isDisplayed(), "no server: outgoing mail is off, nothing to warn about");
        browser.findElement(By.id("glide-email-server")).sendKeys("smtp.example.com");
        security.selectByValue("starttls");
        assertTrue(note.isDisplayed());
        assertEquals("security-note note", note.getDomAttribute("class"), "STARTTLS: a calm note");
        security.selectByValue("none");
        assertEquals("security-note warning", note.getDomAttribute("class"), "None: a warning");
        browser.findElement(By.id("glide-email-smtp-active")).click(); // sending off
        assertFalse(note.isDisplayed(), "sending off: nothing");
    }

    @Test
    void anHttpTokenEndpointIsRefusedOnTheApiAndTheForm() {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", "Clear-text OAuth");
        body.put("type", "smtp");
        body.put("authentication", "oauth2");
        body.put("server", "smtp.example.com");
        body.put("security", "starttls");
        body.put("userName", "app@example.com");
        ObjectNode oauth = body.putObject("oauth2");
        oauth.put("tokenUrl", "http://login.example.com/token");
        oauth.put("clientId", "client");
        oauth.put("clientSecret", "client-secret-canary");
        HttpResponse<String> refused = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"field\":\"oauth2.tokenUrl\""), refused.body());
        assertTrue(refused.body().contains("travel in clear"), refused.body());
        assertFalse(admin.get("/api/v1/accounts").body().contains("Clear-text OAuth"));

        String csrf = ConsoleClient.csrfToken(admin.get("/accounts/new").body());
        HttpResponse<String> form = admin.postMultipart("/accounts/new", List.of(Map.entry("_csrf", csrf),
                Map.entry("name", "Clear-text OAuth"), Map.entry("type", "SMTP"), Map.entry("authentication", "OAUTH2"),
                Map.entry("server", "smtp.example.com"), Map.entry("security", "STARTTLS"),
                Map.entry("userName", "app@example.com"), Map.entry("oauth2.tokenUrl", "http://login.example.com/token"),
                Map.entry("oauth2.clientId", "client"), Map.entry("oauth2.clientSecret", "client-secret-canary"),
                Map.entry("version", "0")), Map.of());
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("id=\"error-oauth2-tokenUrl\""), form.body());
        assertTrue(form.body().contains("href=\"#oauth2-tokenUrl\""), "the summary links to the field");
        assertFalse(form.body().contains("client-secret-canary"));

        oauth.put("tokenUrl", "https://login.example.com/token");
        assertEquals(201, admin.postJson("/api/v1/accounts", body.toString()).statusCode());
    }

    @Test
    void thePresetsFillTheFormForTheAccountsType() {
        chromium.open("/accounts/new");
        new Select(browser.findElement(By.id("type"))).selectByValue("IMAP");
        new Select(browser.findElement(By.id("authentication"))).selectByValue("OAUTH2");
        browser.findElement(By.id("preset-google")).click();
        assertEquals("https://oauth2.googleapis.com/token", value("oauth2-tokenUrl"));
        assertEquals("https://mail.google.com/", value("oauth2-scope"));
        assertEquals("imap.gmail.com", value("server"));
        assertEquals("993", value("port"));
        assertEquals("SSL", new Select(browser.findElement(By.id("security"))).getFirstSelectedOption().getDomAttribute("value"));

        new Select(browser.findElement(By.id("type"))).selectByValue("SMTP");
        browser.findElement(By.id("preset-microsoft365")).click();
        assertEquals("smtp.office365.com", value("server"));
        assertEquals("587", value("port"));
        assertTrue(browser.findElement(By.id("security-warning")).getText().startsWith("STARTTLS: "));
        assertTrue(value("oauth2-tokenUrl").contains("<tenant-id>"), "the tenant is left for the admin");
        assertTrue(browser.findElement(By.id("refresh-token-source")).getText().contains("refresh_token"));
    }

    private static String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }
}
