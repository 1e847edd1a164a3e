package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.EmailLogEntries;
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
 * The email log as an admin uses it in a real Chromium against the real WAR: the list and its tabs,
 * an entry, Retry now and Cancel, at 1400 px and at 400 px wide (screenshots under target/screenshots;
 * nothing may stick out sideways at 400 px).
 */
class EmailsBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;
    static ScriptedSmtp smtp;
    static EmailLogEntries entries;
    static final String CANCEL_ME = "cancel-me@example.com";

    @BeforeAll
    static void fill() throws Exception {
        browser = chromium.driver();
        smtp = ScriptedSmtp.start();
        entries = new EmailLogEntries(console.admin(), smtp);
        entries.fillEveryMailbox();
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    @Test
    void wideTheListOpensAnEntryAndRetryNowSendsIt() throws Exception {
        browser.manage().window().setSize(new Dimension(1400, 1000));
        chromium.open("/properties/email");
        browser.findElement(By.id("nav-emails")).click();
        assertTrue(browser.findElement(By.id("emails")).getText().contains(EmailLogEntries.OUTBOX));
        chromium.screenshot("emails-list-1400");

        browser.findElement(By.id("tab-failed")).click();
        String failedList = browser.findElement(By.id("emails")).getText();
        assertTrue(failedList.contains(EmailLogEntries.FAILED), failedList);
        assertFalse(failedList.contains(EmailLogEntries.SENT), failedList);
        assertEquals("page", browser.findElement(By.id("tab-failed")).getDomAttribute("aria-current"));

        long failed = entries.id(EmailLogEntries.FAILED);
        browser.findElement(By.cssSelector("#email-" + failed + " a")).click();
        assertTrue(browser.findElement(By.id("reply")).getText().contains("550 5.7.1 rejected by policy"));
        assertFalse(browser.findElements(By.id("cancel")).size() > 0, "a Failed message has no Cancel");
        chromium.screenshot("email-entry-failed-1400");

        smtp.dataReply = "250 2.0.0 accepted at last";
        browser.findElement(By.id("retry")).click();
        WebElement notice = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("Retry now: attempted. The message is now in Sent.", notice.getText());
        assertTrue(browser.findElement(By.id("reply")).getText().contains("250 2.0.0 accepted at last"));
        assertEquals(2, browser.findElements(By.cssSelector("#history tbody tr")).size());
        assertEquals("✗ failed", browser.findElement(By.cssSelector("#attempt-1 .attempt-outcome")).getText(),
                "each attempt's outcome has a mark besides its colour");
        assertEquals("✓ sent", browser.findElement(By.cssSelector("#attempt-2 .attempt-outcome")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/emails/" + failed + "?retried"), "post/redirect/get");
        chromium.screenshot("email-entry-retried-1400");
        assertNoSidewaysScroll();

        chromium.open("/emails/" + entries.id(EmailLogEntries.PARTIAL));
        String refused = browser.findElement(By.id("refused-recipients")).getText();
        assertTrue(refused.contains(EmailLogEntries.REFUSED) && refused.contains("no such user"), refused);
        assertEquals(EmailLogEntries.REDIRECTED, browser.findElement(By.id("recipients")).getText());
        chromium.screenshot("email-entry-partial-1400");
    }

    @Test
    void narrowTheListCollapsesAndCancelMovesAMessageToSkipped() throws Exception {
        smtp.dataReply = "451 4.3.0 busy, come back later";
        entries.testEmail(CANCEL_ME);
        smtp.dataReply = "250 2.0.0 accepted for delivery";
        browser.manage().window().setSize(new Dimension(400, 1400));
        chromium.open("/emails?mailbox=outbox");
        assertTrue(browser.findElement(By.id("emails")).getText().contains(CANCEL_ME));
        assertNoSidewaysScroll();
        chromium.screenshot("emails-list-400");

        long outbox = entries.id(CANCEL_ME);
        browser.findElement(By.cssSelector("#email-" + outbox + " a")).click();
        assertTrue(browser.findElement(By.id("next-attempt")).getText().endsWith("UTC"));
        assertNoSidewaysScroll();
        chromium.screenshot("email-entry-outbox-400");

        browser.findElement(By.id("cancel")).click();
        WebElement notice = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("Cancelled: the message is now in Skipped.", notice.getText());
        assertTrue(browser.findElement(By.id("reason")).getText().contains("cancelled by admin"));
        assertTrue(browser.findElements(By.id("retry")).isEmpty() && browser.findElements(By.id("cancel")).isEmpty());
        assertEquals("send-ignored", entries.current(outbox).get("state").asText());
        assertNoSidewaysScroll();
        chromium.screenshot("email-entry-cancelled-400");

        chromium.open("/emails");
        assertNoSidewaysScroll();
        chromium.screenshot("emails-all-400");

        chromium.open("/emails?mailbox=nope");
        assertTrue(browser.findElement(By.id("error-summary")).getText().contains("mailbox"));
        assertNoSidewaysScroll();
        chromium.screenshot("emails-bad-query-400");
    }

    private static void assertNoSidewaysScroll() {
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page scrolls sideways at "
                + browser.manage().window().getSize().getWidth() + " px: " + browser.getCurrentUrl());
    }
}
