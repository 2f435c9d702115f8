package io.capacitypilot.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.groups.GroupCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the service takes changes only with a token, the dashboard asks for one the first time a
 * change is refused, keeps it for the tab, and says so when the token is wrong — in a real
 * headless Chromium.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:dashboard-token;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"capacitypilot.control.enabled=false", "capacitypilot.security.tokens[0].name=on-call",
				"capacitypilot.security.tokens[0].secret=" + DashboardTokenBrowserTests.TOKEN })
class DashboardTokenBrowserTests extends BrowserTestSupport {

	static final String TOKEN = "on-call-0123456789abcdef0123456789abcdef";

	@Autowired
	GroupCatalog catalog;

	@Test
	void aChangeAsksForTheTokenOnceAndAWrongTokenChangesNothing() {
		this.page.navigate(url("/group.html?name=" + FastDemoGroup.NAME));
		Locator pause = this.page.locator(".mode-switch button[data-mode='paused']");
		Locator status = this.page.locator("#mode-status");
		Locator dialog = this.page.getByRole(AriaRole.DIALOG);

		pause.click();
		assertThat(dialog).containsText("needs an API token");
		dialog.getByLabel("API token").fill("not-the-token");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use token")).click();
		assertThat(status).containsText("not one this service accepts");
		assertThat(modeOfTheDemoGroup()).isEqualTo(Mode.ACTIVE);

		pause.click();
		dialog.getByLabel("API token").fill(TOKEN);
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use token")).click();
		assertThat(this.page.locator("#group-mode .badge")).hasText("paused");
		assertThat(modeOfTheDemoGroup()).isEqualTo(Mode.PAUSED);

		// Kept for the tab: the next change goes through without asking.
		this.page.locator(".mode-switch button[data-mode='active']").click();
		assertThat(this.page.locator("#group-mode .badge")).hasText("active");
		assertThat(dialog).hasCount(0);
		assertThat(modeOfTheDemoGroup()).isEqualTo(Mode.ACTIVE);
	}

	@Test
	void cancellingTheDialogLeavesTheGroupAsItWas() {
		this.page.navigate(url("/group.html?name=" + FastDemoGroup.NAME));
		this.page.locator(".mode-switch button[data-mode='dry-run']").click();
		Locator dialog = this.page.getByRole(AriaRole.DIALOG);
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
		assertThat(this.page.locator("#mode-status")).containsText("needs an API token");
		assertThat(dialog).hasCount(0);
		assertThat(modeOfTheDemoGroup()).isEqualTo(Mode.ACTIVE);
	}

	private Mode modeOfTheDemoGroup() {
		return this.catalog.findGroup(FastDemoGroup.NAME).orElseThrow().mode();
	}

}
