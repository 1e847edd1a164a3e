package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page at 1400 px and at 400 px, saved under target/screenshots/pages for a person to look at
 * (issue 11), and checked for what a phone cannot use: nothing may be wider than the screen (wide
 * tables scroll inside themselves).
 */
class ScreenshotsBrowserIT {
    private static final int[] WIDTHS = {1400, 400};

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);

    @Test
    void everyPageAtBothWidthsFitsTheScreen() throws Exception {
        ConsoleClient admin = console.admin();
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", "Screenshot relay");
        body.put("type", "smtp");
        body.put("authentication", "password");
        body.put("server", "relay.example.com");
        body.put("security", "starttls");
        body.put("userName", "relay@example.com");
        body.put("password", "screenshot-canary-pw");
        body.put("active", false);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode relay = admin.json(created);
        long id = relay.get("id").asLong();
        long defaultSmtp = admin.json(admin.get("/api/v1/accounts")).get("accounts").get(0).get("id").asLong();

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("properties-email", "/properties/email");
        pages.put("accounts-list", "/accounts");
        pages.put("account-new", "/accounts/new");
        pages.put("account-default-smtp", "/accounts/" + defaultSmtp);
        pages.put("account-own", "/accounts/" + id);
        pages.put("account-log", "/accounts/" + id + "/log");
        pages.put("account-delete", "/accounts/" + id + "/delete");
        pages.put("account-make-active", "/accounts/" + id + "/make-active");
        pages.put("address-filters", "/address-filters");
        pages.put("address-filter-new", "/address-filters/new");
        pages.put("diagnostics", "/diagnostics");
        pages.put("not-found", "/no-such-page");

        ChromeDriver browser = chromium.driver();
        List<String> tooWide = new ArrayList<>();
        for (int width : WIDTHS) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.manage().window().setSize(new Dimension(width, 900));
                chromium.open(page.getValue());
                shoot(browser, width, page.getKey(), tooWide);
            }
            // a refused save: the error state of the form
            browser.manage().window().setSize(new Dimension(width, 900));
            chromium.open("/accounts/new");
            browser.findElement(By.id("server")).clear();
            browser.findElement(By.id("save")).click();
            shoot(browser, width, "account-new-refused", tooWide);
        }
        assertTrue(tooWide.isEmpty(), "pages wider than the screen: " + tooWide);
    }

    private static void shoot(ChromeDriver browser, int width, String name, List<String> tooWide) throws Exception {
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) browser.executeScript("return document.documentElement.clientWidth")).longValue();
        if (scrollWidth > clientWidth) {
            tooWide.add(name + "@" + width + " (" + scrollWidth + " > " + clientWidth + ")");
        }
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height + 160, 600), 8000)));
        org.mailconsole.testing.Browser.screenshot(browser, "pages/" + width + "/" + name);
    }
}
