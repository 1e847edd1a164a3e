package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Email Accounts screens as an admin uses them: a real Chromium against the real WAR. */
class AccountsBrowserIT {
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
    void theFormFollowsTypeSecurityAndAuthenticationThenSaves() throws Exception {
        chromium.open("/accounts/new");
        type("name", "Browser IMAP");
        new Select(browser.findElement(By.id("type"))).selectByValue("IMAP");
        assertTrue(browser.findElement(By.id("folder")).isDisplayed(), "IMAP shows the folder");
        assertFalse(browser.findElement(By.id("fromAddress")).isDisplayed(), "From is for SMTP only");

        Select security = new Select(browser.findElement(By.id("security")));
        security.selectByValue("SSL");
        assertEquals("993", browser.findElement(By.id("port")).getDomAttribute("placeholder"));
        assertFalse(browser.findElement(By.id("security-warning")).isDisplayed());
        security.selectByValue("STARTTLS");
        assertEquals("143", browser.findElement(By.id("port")).getDomAttribute("placeholder"));
        assertTrue(browser.findElement(By.id("security-warning")).getText().contains("STARTTLS"));

        Select auth = new Select(browser.findElement(By.id("authentication")));
        auth.selectByValue("OAUTH2");
        assertTrue(browser.findElement(By.id("oauth2-tokenUrl")).isDisplayed());
        assertFalse(browser.findElement(By.id("password")).isDisplayed());
        auth.selectByValue("PASSWORD");
        assertFalse(browser.findElement(By.id("oauth2-tokenUrl")).isDisplayed());

        security.selectByValue("SSL");
        type("server", "imap.example.com");
        type("userName", "inbox@example.com");
        type("password", "browser-account-canary");
        browser.findElement(By.id("save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("Saved.", browser.findElement(By.id("notice")).getText());
        assertEquals("", browser.findElement(By.id("password")).getDomProperty("value"));
        assertFalse(browser.getPageSource().contains("browser-account-canary"));
        chromium.screenshot("account-saved");

        chromium.open("/accounts");
        String list = browser.findElement(By.id("accounts")).getText();
        assertTrue(list.contains("Browser IMAP"), list);
        assertTrue(list.contains("imap.example.com"), list);
        assertTrue(list.contains("993"), list);
    }

    @Test
    void aSecondActiveSmtpAccountIsRefusedNamingTheActiveOne() throws Exception {
        chromium.open("/accounts/new");
        type("name", "Second SMTP");
        new Select(browser.findElement(By.id("type"))).selectByValue("SMTP");
        new Select(browser.findElement(By.id("authentication"))).selectByValue("NONE");
        type("server", "relay.example.com");
        WebElement active = browser.findElement(By.id("active"));
        if (!active.isSelected()) {
            active.click();
        }
        browser.findElement(By.id("save")).click();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertTrue(error.getText().contains("Default SMTP"), error.getText());
        assertEquals("relay.example.com", browser.findElement(By.id("server")).getDomProperty("value"));
        assertTrue(browser.findElement(By.id("active")).isSelected(), "the admin's choice is kept");
        chromium.screenshot("account-second-active-smtp");
        chromium.open("/accounts");
        assertFalse(browser.findElement(By.id("accounts")).getText().contains("Second SMTP"));
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
