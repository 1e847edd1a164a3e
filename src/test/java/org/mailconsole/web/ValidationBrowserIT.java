package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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

/**
 * Issue 11 item 5: a refused form says how many fields are wrong and links to each, focus moves to
 * that summary, each bad input has aria-invalid and aria-describedby, all errors come in one round,
 * and required fields are marked before the first submit.
 */
class ValidationBrowserIT {
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
    void theAccountFormNamesEveryBadFieldInOneRound() throws Exception {
        chromium.open("/accounts/new");
        assertTrue(browser.findElement(By.id("required-note")).isDisplayed(), "required fields explained before a submit");
        for (String id : List.of("name", "server")) {
            String label = browser.findElement(By.cssSelector("label[for=" + id + "]")).getText();
            assertTrue(label.contains("*"), id + " is marked required: " + label);
            assertEquals("true", browser.findElement(By.id(id)).getDomAttribute("aria-required"));
        }
        new Select(browser.findElement(By.id("type"))).selectByValue("SMTP");
        new Select(browser.findElement(By.id("authentication"))).selectByValue("PASSWORD");
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("server")).sendKeys("bad host name");
        browser.findElement(By.id("port")).sendKeys("70000");
        browser.findElement(By.id("save")).click();
        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertEquals(summary, browser.switchTo().activeElement(), "focus moves to the summary");
        List<WebElement> links = browser.findElements(By.cssSelector("#error-links a"));
        // name, server, port, user name, password: every error of the form in this one round
        List<String> targets = links.stream().map(a -> a.getDomAttribute("href")).toList();
        assertTrue(targets.containsAll(List.of("#name", "#server", "#port", "#userName", "#password")), targets.toString());
        assertEquals(links.size() + " fields need correcting:", browser.findElement(By.id("error-count")).getText());
        for (String target : targets) {
            WebElement input = browser.findElement(By.id(target.substring(1)));
            assertEquals("true", input.getDomAttribute("aria-invalid"), target);
            String describedBy = input.getDomAttribute("aria-describedby");
            assertTrue(browser.findElement(By.id(describedBy)).getText().length() > 3, target);
        }
        chromium.screenshot("validation-account");
        links.get(targets.indexOf("#port")).click();
        assertEquals("port", browser.switchTo().activeElement().getDomAttribute("id"), "the link puts the cursor in its field");
    }

    @Test
    void thePropertiesFormLinksItsErrors() throws Exception {
        chromium.open("/properties/email");
        WebElement port = browser.findElement(By.id("glide-smtp-port"));
        port.clear();
        port.sendKeys("x");
        WebElement max = browser.findElement(By.id("glide-email-smtp-max_send"));
        max.clear();
        max.sendKeys("-4");
        browser.findElement(By.id("save")).click();
        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertEquals(summary, browser.switchTo().activeElement());
        assertEquals("2 fields need correcting:", browser.findElement(By.id("error-count")).getText());
        assertEquals("true", browser.findElement(By.id("glide-smtp-port")).getDomAttribute("aria-invalid"));
        assertEquals("error-glide-smtp-port",
                browser.findElement(By.id("glide-smtp-port")).getDomAttribute("aria-describedby"));
    }
}
