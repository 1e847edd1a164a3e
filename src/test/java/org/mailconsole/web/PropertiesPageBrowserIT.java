package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** System Properties > Email as an admin uses it: a real Chromium against the real WAR. */
class PropertiesPageBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;

    @BeforeAll
    static void driver() {
        browser = chromium.driver();
    }

    @Test
    void anAdminSavesTheOutgoingServerAndSeesItInEffect() throws Exception {
        chromium.open("/properties/email");
        assertEquals("System Properties > Email · Mail Console", browser.getTitle());
        type("glide-email-server", "smtp.example.com");
        type("glide-smtp-port", "587");
        new Select(browser.findElement(By.id("glide-smtp-encryption"))).selectByValue("starttls");
        WebElement auth = browser.findElement(By.id("glide-smtp-auth"));
        if (!auth.isSelected()) {
            auth.click();
        }
        type("glide-email-user", "helpdesk@example.com");
        type("glide-email-user_password", "browser-canary-55");
        browser.findElement(By.id("save")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("Saved.", browser.findElement(By.id("notice")).getText());
        assertEquals("smtp.example.com", value("glide-email-server"));
        assertEquals("587", value("glide-smtp-port"));
        assertTrue(browser.findElement(By.id("glide-smtp-auth")).isSelected());
        assertEquals("", value("glide-email-user_password"), "the password is never sent back");
        assertFalse(browser.getPageSource().contains("browser-canary-55"));
        assertEquals("blank: using smtp.example.com from glide.email.server",
                browser.findElement(By.id("effective-glide-pop3-server")).getText());
        assertEquals("blank: using helpdesk from glide.email.user",
                browser.findElement(By.id("effective-glide-pop3-user")).getText());
        assertTrue(browser.findElement(By.id("warning-glide-smtp-encryption")).getText().startsWith("STARTTLS: "));
        assertTrue(browser.findElement(By.id("audit")).getText().contains("glide.email.server"));
        chromium.screenshot("properties-saved");

        ConsoleClient admin = console.admin();
        assertEquals("587", admin.property("glide.smtp.port").get("value").asText());
        assertTrue(admin.property("glide.email.user_password").get("set").asBoolean());
    }

    @Test
    void aBadPortIsMarkedAtItsFieldAndNothingIsSaved() throws Exception {
        String before = console.admin().get("/api/v1/properties").body();
        chromium.open("/properties/email");
        type("glide-smtp-port", "70000");
        type("glide-email-username", "Would Be Saved");
        browser.findElement(By.id("save")).click();

        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-glide-smtp-port")));
        assertEquals("must be a whole number from 1 to 65535", error.getText());
        assertTrue(browser.findElement(By.id("error-summary")).getText().startsWith("Nothing was saved"));
        assertEquals("70000", value("glide-smtp-port"), "the admin's input is kept");
        assertEquals("Would Be Saved", value("glide-email-username"));
        chromium.screenshot("properties-invalid");
        assertEquals(before, console.admin().get("/api/v1/properties").body());
    }

    @Test
    void theSecurityWarningFollowsTheChoiceThroughTheScript() {
        chromium.open("/properties/email");
        type("glide-email-server", "smtp.example.com"); // outgoing mail on: its security gets a note
        Select security = new Select(browser.findElement(By.id("glide-smtp-encryption")));
        security.selectByValue("ssl");
        assertFalse(browser.findElement(By.id("warning-glide-smtp-encryption")).isDisplayed());
        security.selectByValue("none");
        WebElement warning = browser.findElement(By.id("warning-glide-smtp-encryption"));
        assertTrue(warning.isDisplayed());
        assertTrue(warning.getText().contains("plain text"));
        List<WebElement> scripts = browser.findElements(By.cssSelector("script:not([src])"));
        assertTrue(scripts.isEmpty(), "no inline script (CSP)");
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }
}
