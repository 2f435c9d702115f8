package io.capacitypilot.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * The operating system's headless Chromium, driven by Playwright. Playwright never downloads a
 * browser here (surefire sets {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}): the tests use Debian's
 * {@code chromium} package, which {@code .ci/run} installs. Without it they fail and say so, rather
 * than skip: a dashboard that is never tested in a browser is not tested.
 */
final class Chromium implements AutoCloseable {

	/** Where Debian installs it; {@code CHROMIUM_PATH} points elsewhere. */
	static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

	private final Playwright playwright;

	private final Browser browser;

	private Chromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	static Chromium launch() {
		if (!Files.isExecutable(EXECUTABLE)) {
			throw new IllegalStateException("No Chromium at " + EXECUTABLE + ": the dashboard's browser tests need "
					+ "one. Install it with 'apt-get install -y chromium' (.ci/run does), or set CHROMIUM_PATH.");
		}
		// Also set here, for runs outside surefire (the screenshot main).
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			Browser browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
			return new Chromium(playwright, browser);
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	Browser browser() {
		return this.browser;
	}

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
	}

}
