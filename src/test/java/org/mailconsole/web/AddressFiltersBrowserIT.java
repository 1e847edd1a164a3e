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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** System address filters, the account form's filter choice, diagnostics and the banner in a real Chromium. */
class AddressFiltersBrowserIT {
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
    void anAdminBuildsAFilterTriesAddressesAndPicksItOnAnAccount() throws Exception {
        chromium.open("/address-filters");
        browser.findElement(By.id("new-filter")).click();
        type("name", "Corp only");
        new Select(browser.findElement(By.id("lists-0-type"))).selectByValue("deny");
        type("lists-0-domains", "*");
        chromium.submit("save");
        waitFor("notice");
        assertEquals("Saved.", browser.findElement(By.id("notice")).getText());

        // the saved list plus a new, empty block: add the allow list there
        new Select(browser.findElement(By.id("lists-1-type"))).selectByValue("allow");
        type("lists-1-domains", "corp.example\n*.corp.example");
        type("lists-1-exceptions", "*-noreply@corp.example");
        chromium.submit("save");
        waitFor("notice");
        assertEquals("*\n", browser.findElement(By.id("lists-0-domains")).getDomProperty("value") + "\n");

        type("check-address", "Jane@Corp.Example");
        chromium.submit("check");
        waitFor("check-result");
        assertEquals("Passes", browser.findElement(By.id("check-verdict")).getText());
        assertTrue(browser.findElement(By.id("check-result")).getText().contains("list 2"));
        type("check-address", "billing-noreply@corp.example");
        chromium.submit("check");
        waitFor("check-result");
        assertEquals("Blocked", browser.findElement(By.id("check-verdict")).getText(),
                "the allow list's exception takes it out of the allow list");
        chromium.screenshot("address-filter-check");

        // a bad domain: 400, the message at the list, nothing saved
        type("lists-0-domains", "corp example");
        chromium.submit("save");
        waitFor("error-summary");
        assertTrue(browser.findElement(By.id("error-lists-0-domains")).getText().contains("must not contain spaces"));
        chromium.open("/address-filters");
        assertTrue(browser.findElement(By.id("filters")).getText().contains("deny *"), "nothing of the bad save was kept");

        // the account form lists the filters by direction
        chromium.open("/accounts/new");
        type("name", "Filtered relay");
        new Select(browser.findElement(By.id("type"))).selectByValue("SMTP");
        new Select(browser.findElement(By.id("authentication"))).selectByValue("NONE");
        type("server", "smtp.example.com");
        Select filter = new Select(browser.findElement(By.id("addressFilterId")));
        new Select(browser.findElement(By.id("type"))).selectByValue("POP3");
        assertFalse(browser.findElement(By.cssSelector("optgroup[data-direction=outbound]")).isEnabled(),
                "a POP3 account is not offered outbound filters");
        new Select(browser.findElement(By.id("type"))).selectByValue("SMTP");
        filter.selectByVisibleText("Corp only");
        chromium.submit("save");
        waitFor("notice");
        assertEquals("Corp only", new Select(browser.findElement(By.id("addressFilterId"))).getFirstSelectedOption().getText());
        assertTrue(browser.findElement(By.id("filter-note")).getText().contains("do not act yet"));

        // now it cannot be deleted
        chromium.open("/address-filters");
        browser.findElement(By.linkText("Corp only")).click();
        assertTrue(browser.findElement(By.id("named-by")).getText().contains("Filtered relay"));
        chromium.submit("delete");
        waitFor("error-summary");
        assertTrue(browser.findElement(By.id("error-summary")).getText().contains("cannot be deleted"));
    }

    @Test
    void theBannerNamesTheSettingAndItsLinkLeadsThere() throws Exception {
        chromium.open("/properties/email");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        assertTrue(browser.findElement(By.id("banner")).getText().contains("has no server"),
                "a blank outgoing server turns sending off too");
        type("glide-email-server", "smtp.example.com");
        chromium.submit("save");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertTrue(browser.findElements(By.id("banner")).isEmpty(), "mail flows: no banner");
        // turn sending off through the page
        var box = browser.findElement(By.id("glide-email-smtp-active"));
        if (box.isSelected()) {
            box.click();
        }
        chromium.submit("save");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
        chromium.open("/diagnostics");
        String banner = browser.findElement(By.id("banner")).getText();
        assertTrue(banner.contains("Email sending is off") && banner.contains("glide.email.smtp.active"), banner);
        assertEquals("off", browser.findElement(By.id("sending")).getText().substring(0, 3));
        chromium.screenshot("diagnostics-sending-off");
        browser.findElement(By.linkText("glide.email.smtp.active")).click();
        wait.until(ExpectedConditions.urlContains("/properties/email#glide-email-smtp-active"));
        var again = browser.findElement(By.id("glide-email-smtp-active"));
        again.click();
        chromium.submit("save");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertFalse(browser.findElements(By.id("banner")).stream().anyMatch(b -> b.getText().contains("sending is off")));
    }

    private static void type(String id, String text) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void waitFor(String id) {
        try {
            // a look while the submitted form navigates is "aborted by navigation": look again
            new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no #" + id + " on " + browser.getCurrentUrl() + ":\n"
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
    }
}
