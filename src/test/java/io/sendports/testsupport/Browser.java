package io.sendports.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the console's tests: Debian's headless Chromium driven by its ChromeDriver through Selenium
 * (BUILD-NOTES.md). Selenium never downloads a driver: both executables come from the packages {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs when they are missing.
 *
 * <p>Screenshots go to {@code target/console-screenshots}, and also to the folder named by the system property
 * {@code console.screenshots} ({@code -Dconsole.screenshots=docs/console} refreshes the README's pictures).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Selenium looks for a DevTools (CDP) binding of the browser's version at every start and warns when there is
     * none; the tests use WebDriver only, so the warning says nothing. Held here so that the setting stays.
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /**
     * Skips the calling test class when the browser is not installed; fails it instead when the environment variable
     * {@code SENDPORTS_BROWSER_REQUIRED} is {@code true}, as {@code .ci/run} sets it after installing the browser.
     */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "the console's browser tests need Debian's chromium and chromium-driver (.ci/run installs them)";
        if (!installed && "true".equals(System.getenv("SENDPORTS_BROWSER_REQUIRED"))) {
            throw new AssertionError(message);
        }
        Assumptions.assumeTrue(installed, message);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    /** A new browser at 1280 x 900 pointed at {@code base} (the application under test). */
    public static Browser open(String base) throws IOException {
        Path profile = Files.createTempDirectory("sendports-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                profile.resolve("downloads").toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile, base);
    }

    /** Where the browser saves what it downloads. */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(base + path);
        waitUntil(d -> "complete".equals(script("return document.readyState")));
    }

    /** Logs in through the login page's form, with the keyboard. */
    public void login(String user, String password) {
        driver.manage().deleteAllCookies();
        go("/console/login");
        WebElement name = find(By.id("j_username"));
        name.clear();
        name.sendKeys(user);
        find(By.id("j_password")).sendKeys(password, org.openqa.selenium.Keys.ENTER);
        waitUntil(d -> d.getCurrentUrl().endsWith("/console/ports"));
        waitUntil(d -> "complete".equals(script("return document.readyState")));
    }

    public WebElement find(By by) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public <T> T waitUntil(ExpectedCondition<T> condition) {
        return waitUntil(WAIT, condition);
    }

    public <T> T waitUntil(Duration atMost, ExpectedCondition<T> condition) {
        // live updates replace rows while a test looks at them: look again rather than fail
        return new WebDriverWait(driver, atMost).pollingEvery(Duration.ofMillis(25))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** Replaces the text of a field. */
    public void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    public void width(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A PNG of the window, kept as {@code <name>.png}. */
    public void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "console-screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), png);
        String kept = System.getProperty("console.screenshots");
        if (kept != null && !kept.isBlank()) {
            Files.createDirectories(Path.of(kept));
            Files.write(Path.of(kept, name + ".png"), png);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
