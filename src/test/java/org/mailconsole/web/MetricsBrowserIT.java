package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.PrometheusText;
import org.mailconsole.testing.RunningBrowser;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.ScriptedSmtp;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The standalone WAR in Jetty: /metrics for a viewer (the text format, the console's test email
 * counted), and Diagnostics' picture of the last day in headless Chromium at 1400 and 400 px, saved
 * under target/screenshots for a person to look at: an SVG as wide as the page allows and no wider,
 * bars for the sent and deferred mail, and the numbers as text for screen readers.
 */
class MetricsBrowserIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    @RegisterExtension
    static final RunningBrowser chromium = new RunningBrowser(console);
    static ScriptedSmtp smtp;

    @BeforeAll
    static void startSmtp() throws Exception {
        smtp = ScriptedSmtp.start();
    }

    @AfterAll
    static void stopSmtp() throws Exception {
        smtp.close();
    }

    static void patch(ConsoleClient admin, Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    static double metric(String name, Map<String, String> labels) {
        HttpResponse<String> response = console.server().viewer().get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusText.parse(response.body()).value(name, labels);
    }

    @Test
    void theLastDayAsAPictureAtBothWidths() throws Exception {
        ConsoleClient admin = console.admin();
        patch(admin, Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port()),
                "glide.smtp.connection_timeout", "2000", "glide.smtp.retry_backoff", "600"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> sent = admin.postJson("/api/v1/test-email", "{\"to\": \"chart" + i + "@example.com\"}");
            assertEquals(200, sent.statusCode(), sent.body());
        }
        smtp.stopListening();
        HttpResponse<String> deferred = admin.postJson("/api/v1/test-email", "{\"to\": \"later@example.com\"}");
        assertTrue(deferred.statusCode() < 500, deferred.body());
        smtp.up();
        assertEquals(3, metric("mailconsole_messages_total", Map.of("webapp", "console", "outcome", "sent")));
        assertTrue(metric("mailconsole_delivery_attempts_total", Map.of("result", "deferred")) >= 1);

        ChromeDriver browser = chromium.driver();
        for (int width : new int[] {1400, 400}) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            chromium.open("/diagnostics");
            WebElement figure = browser.findElement(By.id("last-day"));
            browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("last-day-heading")));
            chromium.screenshot("pages/diagnostics-last-day-" + width);
            WebElement svg = figure.findElement(By.tagName("svg"));
            long svgWidth = ((Number) browser.executeScript("return arguments[0].getBoundingClientRect().width", svg))
                    .longValue();
            long clientWidth = ((Number) browser.executeScript("return document.documentElement.clientWidth")).longValue();
            long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertTrue(svgWidth > clientWidth / 4 && svgWidth <= clientWidth, width + ": the picture is " + svgWidth
                    + " px wide in " + clientWidth);
            assertTrue(scrollWidth <= clientWidth, width + ": nothing wider than the screen");
            List<WebElement> sentBars = svg.findElements(By.cssSelector("rect.bar-sent"));
            List<WebElement> deferredBars = svg.findElements(By.cssSelector("rect.bar-deferred"));
            assertEquals(1, sentBars.size(), "this hour's sent mail");
            assertEquals(1, deferredBars.size(), "this hour's deferred attempt");
            assertTrue(sentBars.get(0).getRect().getHeight() > deferredBars.get(0).getRect().getHeight(),
                    "three sent stand taller than one deferred");
            assertEquals("img", svg.getAttribute("role"));
            String summary = svg.findElement(By.tagName("desc")).getAttribute("textContent");
            assertTrue(summary.startsWith("In the last 24 hours: 3 sent, "), summary);
            List<WebElement> rows = figure.findElements(By.cssSelector("#last-day-table tbody tr"));
            assertEquals(24, rows.size(), "a row per hour for screen readers");
            String lastRow = rows.get(23).getAttribute("textContent");
            assertTrue(lastRow.contains("3"), lastRow);
        }
    }
}
