package io.capacitypilot.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.capacitypilot.CapacityPilotApplication;
import io.capacitypilot.control.DecisionRepository;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Takes the dashboard screenshots in {@code docs/images}: starts the service on the simulated fleet,
 * lets the demo group run until it has a history worth showing, and photographs the overview and
 * the group page at laptop and phone widths. A tool, not a test:
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.capacitypilot.dashboard.DashboardScreenshots [-Dexec.args="docs/images 60"]
 * </pre>
 * Arguments: the output directory, and how many decisions of {@code demo-web} to wait for.
 */
public final class DashboardScreenshots {

	private static final String GROUP = FastDemoGroup.NAME;

	private DashboardScreenshots() {
	}

	public static void main(String[] args) throws Exception {
		Path output = Path.of((args.length > 0) ? args[0] : "docs/images");
		int decisions = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		Files.createDirectories(output);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CapacityPilotApplication.class)
			.properties("server.port=0", "spring.datasource.url=jdbc:h2:mem:screenshots;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
					"capacitypilot.control.tick=250ms", "capacitypilot.sim.speed-up=300")
			.run(); Chromium chromium = Chromium.launch()) {
			String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
			// The trace plays a day in under five minutes, and the demo group decides every 5 s.
			FastDemoGroup.evaluateEvery(RestClient.create(base), Duration.ofSeconds(5));
			awaitDecisions(app.getBean(DecisionRepository.class), decisions, Duration.ofMinutes(15));
			shoot(chromium.browser(), base, output, 1280, 900, "");
			shoot(chromium.browser(), base, output, 390, 844, "-phone");
		}
	}

	private static void shoot(Browser browser, String base, Path output, int width, int height, String suffix) {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height))) {
			Page page = context.newPage();
			page.navigate(base + "/");
			page.locator("[data-group='" + GROUP + "'] .last-decision[data-decision-id]").waitFor();
			page.screenshot(new Page.ScreenshotOptions().setPath(output.resolve("overview" + suffix + ".png")));
			page.navigate(base + "/group.html?name=" + GROUP);
			page.locator("#decision-log li").first().waitFor();
			page.waitForFunction("() => Chart.getChart('load-chart')?.data.datasets.some((d) => d.data.length > 1)");
			page.screenshot(new Page.ScreenshotOptions().setPath(output.resolve("group" + suffix + ".png")).setFullPage(suffix.isEmpty()));
		}
	}

	private static void awaitDecisions(DecisionRepository repository, int count, Duration timeout)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (repository.count(GROUP) < count) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(GROUP + " made fewer than " + count + " decisions in " + timeout);
			}
			Thread.sleep(1000);
		}
	}

}
