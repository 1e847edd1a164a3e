package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.GraphStandIn;
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
 * The Microsoft Graph account form in a real Chromium against the real WAR, at 1400 and 400 px:
 * the type shows its own fields and hides the server and login, saves, and Test Connection names
 * what Entra ID said; the secret never comes back in the page.
 */
class GraphAccountBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ChromeDriver browser;
    static GraphStandIn graph;

    @BeforeAll
    static void start() throws Exception {
        browser = chromium.driver();
        graph = GraphStandIn.start();
    }

    @AfterAll
    static void stop() {
        graph.close();
        browser.manage().window().setSize(new Dimension(1400, 900));
    }

    @Test
    void theGraphFormAt1400And400PxSavesAndTestConnectionNamesAWrongSecret() throws Exception {
        for (int width : new int[] {1400, 400}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            chromium.open("/accounts/new");
            new Select(browser.findElement(By.id("type"))).selectByValue("GRAPH");
            assertTrue(browser.findElement(By.id("graph-tenantId")).isDisplayed(), "Graph shows its fields");
            assertFalse(browser.findElement(By.id("server")).isDisplayed(), "no server for Graph");
            assertFalse(browser.findElement(By.id("password")).isDisplayed(), "no login for Graph");
            assertTrue(browser.findElement(By.id("maxConnections")).isDisplayed(), "delivery settings apply");
            browser.findElement(By.id("maxConnections")).clear();
            browser.findElement(By.id("preset-graph")).click();
            assertEquals("4", browser.findElement(By.id("maxConnections")).getDomProperty("value"));
            assertEquals("30", browser.findElement(By.id("messagesPerMinute")).getDomProperty("value"));
            assertEquals("10000", browser.findElement(By.id("recipientsPerDay")).getDomProperty("value"));
            type("name", "Exchange Online " + width);
            type("graph-tenantId", GraphStandIn.TENANT);
            type("graph-clientId", GraphStandIn.CLIENT_ID);
            type("graph-mailbox", GraphStandIn.MAILBOX);
            type("graph-clientSecret", "wrong-graph-secret-canary");
            type("graph-tokenUrl", graph.url());
            type("graph-graphUrl", graph.url());
            chromium.screenshot("graph-account-form-" + width);
            browser.findElement(By.id(width == 400 ? "save-top" : "save")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
            assertEquals("Saved.", browser.findElement(By.id("notice")).getText());
            assertFalse(browser.getPageSource().contains("wrong-graph-secret-canary"), "the secret is not shown");
            assertFalse(browser.findElement(By.id("server")).isDisplayed());

            browser.findElement(By.id("test-connection")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result")));
            String message = browser.findElement(By.id("test-message")).getText();
            assertTrue(message.contains("AADSTS7000215"), message);
            assertFalse(browser.getPageSource().contains("wrong-graph-secret-canary"));
            chromium.screenshot("graph-account-test-" + width);
        }
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
