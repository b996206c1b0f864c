package org.trialfhir.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Debian's headless Chromium driven by its chromedriver (paths set explicitly: nothing is downloaded), with a fresh
 * profile, for the workbench's browser tests: sign-in, waiting for a page, the axe-core scan, screenshots, and the
 * bodies of the responses the page received (through the DevTools protocol).
 */
final class Browser implements AutoCloseable {

	static final String CHROMIUM = "/usr/bin/chromium";
	static final String CHROMEDRIVER = "/usr/bin/chromedriver";
	static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

	final ChromeDriver driver;
	final WebDriverWait wait;
	private final String base;
	private final Path profile;

	Browser(int port) throws IOException {
		base = "http://localhost:" + port;
		profile = Files.createTempDirectory("workbench-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
				.usingAnyFreePort().build();
		driver = new ChromeDriver(service, options);
		wait = new WebDriverWait(driver, Duration.ofSeconds(90));
		// an axe-core scan of a large page (the completeness heatmap: subjects × 28 days) on a loaded machine
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
	}

	void open(String path) {
		driver.get(base + path);
	}

	/** Opens {@code /app/} signed out, signs in at the login page and waits to be back in the workbench. */
	void signIn(String user) {
		open("/login");
		driver.executeScript("sessionStorage.clear()"); // no token of an earlier user in this tab
		driver.manage().deleteAllCookies();
		open("/app/");
		wait.until(ExpectedConditions.urlContains("/login"));
		driver.findElement(By.name("username")).sendKeys(user);
		driver.findElement(By.name("password")).sendKeys(user + "-password");
		driver.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.textToBe(By.id("user"), "Signed in as " + user));
		loaded();
	}

	void signOut() {
		driver.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.urlContains("/login"));
	}

	/** Goes to a workbench page by its hash and waits until it has loaded (its title, or its error). */
	void page(String hash) {
		driver.executeScript("location.hash = arguments[0]", hash);
		loaded();
	}

	/** Waits until the page of the current location is on screen (loaded, or its error shown). */
	void loaded() {
		wait.until(d -> Boolean.TRUE.equals(driver.executeScript(
				"const main = document.getElementById('main');"
						+ " return main.dataset.rendered === location.hash && main.getAttribute('aria-busy') === 'false';")));
	}

	void click(By by) {
		wait.until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	WebElement find(By by) {
		return wait.until(ExpectedConditions.presenceOfElementLocated(by));
	}

	/** The top of the page, as a user first sees it. */
	void screenshot(String name) throws IOException {
		driver.executeScript("window.scrollTo(0, 0)");
		save(name);
	}

	/** The part of the page that shows {@code what}. */
	void screenshot(String name, By what) throws IOException {
		driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(what));
		save(name);
	}

	private void save(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
	}

	/** axe-core (the pinned webjar) on the current page: the serious and critical WCAG 2.1 A/AA violations. */
	@SuppressWarnings("unchecked")
	List<String> seriousAccessibilityViolations() throws IOException {
		Resource[] axe = new PathMatchingResourcePatternResolver().getResources(AXE);
		assertThat(axe).as("the axe-core webjar (pom.xml) on the test class path").hasSize(1);
		try (InputStream script = axe[0].getInputStream()) {
			driver.executeScript(new String(script.readAllBytes(), StandardCharsets.UTF_8));
		}
		Object result = driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
					.then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
						.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
					.catch(e => done(['axe failed: ' + e]));""");
		return (List<String>) result;
	}

	/** Errors the page wrote to the console (a failed request shows there too), since the last call. */
	List<String> consoleErrors() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
				.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
				.map(LogEntry::getMessage)
				.toList();
	}

	/** The bodies of the responses to the page's {@code /fhir} requests since the last call, as the browser got them. */
	@SuppressWarnings("unchecked")
	List<String> fhirResponseBodies() {
		List<String> bodies = new ArrayList<>();
		for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
			Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) new org.openqa.selenium.json.Json()
					.toType(entry.getMessage(), Map.class)).get("message");
			if (!"Network.loadingFinished".equals(message.get("method")) && !"Network.responseReceived".equals(message.get("method"))) {
				continue;
			}
			Map<String, Object> params = (Map<String, Object>) message.get("params");
			if ("Network.responseReceived".equals(message.get("method"))) {
				Map<String, Object> response = (Map<String, Object>) params.get("response");
				if (String.valueOf(response.get("url")).contains("/fhir/")) {
					requestIds.add((String) params.get("requestId"));
				}
			}
		}
		for (String requestId : requestIds) {
			try {
				Map<String, Object> body = driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId));
				bodies.add(String.valueOf(body.get("body")));
			} catch (RuntimeException gone) {
				// the browser no longer keeps this body (a page reload drops them): nothing to check
			}
		}
		requestIds.clear();
		return bodies;
	}

	private final List<String> requestIds = new ArrayList<>();

	private static final String AXE = "classpath*:META-INF/resources/webjars/axe-core/*/axe.min.js";

	@Override
	public void close() throws IOException {
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}
