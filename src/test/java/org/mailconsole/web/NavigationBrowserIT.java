package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Issue 11 item 8: the current page is marked, "Mail Console" goes home, breadcrumbs everywhere, a viewer is not offered New. */
class NavigationBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    @RegisterExtension
    static final RunningBrowser viewerChromium = new RunningBrowser(console, ConsoleServer.VIEWER,
            ConsoleServer.VIEWER_PASSWORD);

    @Test
    void everyPageMarksItsSectionAndHasBreadcrumbs() {
        ChromeDriver browser = chromium.driver();
        long defaultSmtp = console.admin().json(console.admin().get("/api/v1/accounts")).get("accounts").get(0)
                .get("id").asLong();
        // page, the marked section, the breadcrumb trail (Home first, the page last)
        List<List<String>> pages = List.of(
                List.of("/properties/email", "System Properties > Email", "Home|System Properties > Email"),
                List.of("/accounts", "Email Accounts", "Home|Email Accounts"),
                List.of("/accounts/new", "Email Accounts", "Home|Email Accounts|Email Account: New email account"),
                List.of("/accounts/" + defaultSmtp + "/log", "Email Accounts", "Home|Email Accounts|Default SMTP|Debug log: Default SMTP"),
                List.of("/address-filters", "System address filters", "Home|System address filters"),
                List.of("/address-filters/new", "System address filters", "Home|System address filters|"),
                List.of("/diagnostics", "Email diagnostics", "Home|Email diagnostics"),
                List.of("/emails", "Emails", "Home|Emails"),
                List.of("/emails/999999", "Emails", "Home|Emails|Not Found"),
                List.of("/no-such-page", "", "Home|"));
        for (List<String> page : pages) {
            chromium.open(page.get(0));
            List<WebElement> marked = browser.findElements(By.cssSelector("#main-nav a[aria-current=page]"));
            if (page.get(1).isEmpty()) {
                assertTrue(marked.isEmpty(), page.get(0));
            } else {
                assertEquals(1, marked.size(), page.get(0));
                assertEquals(page.get(1), marked.get(0).getText(), page.get(0));
            }
            List<String> crumbs = browser.findElements(By.cssSelector("#breadcrumbs li")).stream()
                    .map(WebElement::getText).toList();
            String trail = String.join("|", crumbs);
            assertTrue(trail.startsWith(page.get(2)), page.get(0) + ": " + trail);
            WebElement last = browser.findElement(By.cssSelector("#breadcrumbs li:last-child [aria-current=page]"));
            assertTrue(!last.getText().isBlank(), page.get(0));
        }
        chromium.open("/accounts/" + defaultSmtp);
        browser.findElement(By.id("home-link")).click();
        assertEquals("/mail-console/properties/email", URI.create(browser.getCurrentUrl()).getPath(),
                "Mail Console links home (the start page)");
    }

    @Test
    void aViewerIsNotOfferedNewAccounts() {
        ChromeDriver browser = viewerChromium.driver();
        viewerChromium.open("/accounts");
        assertTrue(browser.findElements(By.id("new-account")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("a[href$='/accounts/new']")).isEmpty());
        viewerChromium.open("/accounts/new");
        assertTrue(browser.findElements(By.id("account-form")).isEmpty(), "no form for a viewer");
        assertTrue(browser.getPageSource().contains("403"), browser.getPageSource());
        assertEquals(403, console.server().viewer().get("/accounts/new").statusCode());
    }
}
