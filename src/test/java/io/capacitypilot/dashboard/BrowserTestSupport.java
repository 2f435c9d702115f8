package io.capacitypilot.dashboard;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A fresh page for each test, in the operating system's headless Chromium (one per test class),
 * against the service on its random port.
 */
abstract class BrowserTestSupport {

	private static Chromium chromium;

	@LocalServerPort
	int port;

	BrowserContext context;

	Page page;

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
		this.context.setDefaultTimeout(20_000);
		this.page = this.context.newPage();
	}

	@AfterEach
	void closePage() {
		this.context.close();
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
