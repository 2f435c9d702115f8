package io.capacitypilot.dashboard;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The dashboard in a real headless Chromium, against the running service on the simulated fleet. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:dashboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"capacitypilot.control.tick=200ms" })
class DashboardBrowserTests {

	private static Chromium chromium;

	@LocalServerPort
	int port;

	private BrowserContext context;

	private Page page;

	@BeforeAll
	static void launchBrowser() {
		chromium = Chromium.launch();
	}

	@AfterAll
	static void closeBrowser() {
		chromium.close();
	}

	@BeforeEach
	void openPage() {
		this.context = chromium.browser().newContext();
		this.page = this.context.newPage();
	}

	@AfterEach
	void closePage() {
		this.context.close();
	}

	@Test
	void overviewConnectsToTheLiveFeed() {
		this.page.navigate(url("/"));
		assertThat(this.page.locator("#live-status")).hasText("Live");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
