package org.mailconsole.testing;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for one test class, logged in to the console as its admin:
 * {@code @RegisterExtension static final RunningBrowser browser = new RunningBrowser(console);}
 * (register it after the {@link RunningConsole} it browses).
 */
public final class RunningBrowser implements BeforeAllCallback, AfterAllCallback {
    private final RunningConsole console;
    private final String user;
    private final String password;
    private ChromeDriver driver;

    public RunningBrowser(RunningConsole console) {
        this(console, ConsoleServer.ADMIN, ConsoleServer.ADMIN_PASSWORD);
    }

    /** A browser logged in as another user (for example {@link ConsoleServer#VIEWER}). */
    public RunningBrowser(RunningConsole console, String user, String password) {
        this.console = console;
        this.user = user;
        this.password = password;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Browser.installed()) {
            throw new IllegalStateException("Debian chromium and chromium-driver are required: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        driver = Browser.start(Files.createTempDirectory("mail-console-chromium-"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a console page; the first URL carries the admin's BASIC credentials, which Chromium reuses. */
    public void open(String path) {
        String base = console.server().baseUrl();
        driver.get(base.replace("http://", "http://" + user + ":" + password + "@")
                + path);
    }

    /**
     * Presses a button that submits its form and waits until the answer has replaced the page, so what the
     * page before showed (a notice, a result) is never read as the answer. The page before is marked
     * with a window property that a new page does not have; a look while the page is navigating may
     * fail, and is made again.
     */
    public void submit(String buttonId) {
        driver.executeScript("window.mailConsolePageBefore = true");
        driver.findElement(By.id(buttonId)).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.mailConsolePageBefore === undefined && document.readyState === 'complete'")));
    }

    public void screenshot(String name) throws Exception {
        Browser.screenshot(driver, name);
    }
}
