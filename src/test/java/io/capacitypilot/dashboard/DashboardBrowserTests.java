package io.capacitypilot.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.AriaRole;
import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.ManagedGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium, against the running service on the simulated fleet
 * with its seeded demo group (CPU in 10-second datapoints), sped up: the control loop ticks often
 * and the demo group is evaluated every second.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:dashboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"capacitypilot.control.tick=200ms" })
class DashboardBrowserTests extends BrowserTestSupport {

	private static final String DEMO = FastDemoGroup.NAME;

	@Autowired
	GroupCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Leadership leadership;

	@BeforeEach
	void evaluateTheDemoGroupEverySecond() {
		FastDemoGroup.evaluateEvery(RestClient.create(url("")), Duration.ofSeconds(1));
	}

	@Test
	void overviewListsTheDemoGroupWithItsCapacityAndLastDecision() {
		this.page.navigate(url("/"));
		Locator card = this.page.locator("[data-group='" + DEMO + "']");
		assertThat(card.getByRole(AriaRole.LINK)).hasText(DEMO);
		assertThat(card.locator(".badge")).hasText("active");
		assertThat(card.locator("[data-stat='desired'] dd")).hasText(Pattern.compile("\\d+"));
		assertThat(card.locator(".last-decision")).hasAttribute("data-decision-id", Pattern.compile("\\d+"));
		assertThat(this.page.locator("#live-status")).hasText("Live");
	}

	@Test
	void groupChartShowsTheMetricAgainstCapacity() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		this.page.waitForFunction("""
				() => {
					const chart = Chart.getChart('load-chart');
					const points = (axis) => chart?.data.datasets.filter((d) => d.yAxisID === axis)
						.reduce((sum, d) => sum + d.data.length, 0);
					return points('metric') > 0 && points('capacity') > 0;
				}""");
		assertThat(this.page.locator("#load-chart")).hasAttribute("aria-label",
				Pattern.compile("CPUUtilization.*latest \\d"));
		assertThat(this.page.locator("#instances tbody tr").first()).containsText("in-service");
	}

	@Test
	void instancesShowTheirTargetHealthAndWhetherTheyAreLeaving() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		Locator headers = this.page.locator("#instances thead th");
		assertThat(headers.nth(6)).hasText("Target health");
		assertThat(headers.nth(7)).hasText("Leaving");
		// The control loop registers the demo's serving instances in its target group.
		Locator registered = this.page.locator("#instances tbody tr").filter(new Locator.FilterOptions()
			.setHas(this.page.locator(".target-health .badge.target-healthy")));
		assertThat(registered.first().locator(".target-health .badge")).hasText("demo-web: healthy");
		assertThat(registered.first().locator(".target-health .badge")).hasAttribute("title",
				FastDemoGroup.TARGET_GROUP);
		assertThat(registered.first().locator("td").last()).hasText("—");
	}

	@Test
	void hoveringADecisionMarkerExplainsTheDecision() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		// The demo group starts with fewer instances than its load needs, so it scales out at once.
		this.page.waitForFunction(
				"() => Chart.getChart('load-chart')?.data.datasets.find((d) => d.label === 'Decisions')?.data.length > 0");
		// The chart is redrawn at every decision, a second apart, and the change that sped the group up
		// is followed by its first slot within that second: a point can move under the pointer, or be
		// nearer than the marker. Hover the newest marker again until its own tooltip shows.
		await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> marker = (Map<String, Object>) this.page.evaluate("""
					() => {
						const chart = Chart.getChart('load-chart');
						const index = chart.data.datasets.findIndex((d) => d.label === 'Decisions');
						const point = chart.getDatasetMeta(index).data.at(-1);
						return { x: point.x, y: point.y, summary: chart.data.datasets[index].data.at(-1).decision.summary };
					}""");
			BoundingBox canvas = this.page.locator("#load-chart").boundingBox();
			// From outside the chart, so that every attempt is a fresh hover.
			this.page.mouse().move(canvas.x - 10, canvas.y - 10);
			this.page.mouse()
				.move(canvas.x + ((Number) marker.get("x")).doubleValue(),
						canvas.y + ((Number) marker.get("y")).doubleValue());
			this.page.waitForFunction("() => Chart.getChart('load-chart').tooltip.opacity > 0");
			String tooltip = (String) this.page.evaluate("""
					() => Chart.getChart('load-chart').tooltip.body
						.flatMap((item) => [...item.lines, ...item.after]).join('\\n')""");
			assertThat(tooltip).contains((String) marker.get("summary")).contains("cpu → ");
		});
	}

	@Test
	void newDecisionsAppearWithoutReloading() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		Locator newest = this.page.locator("#decision-log > li").first();
		newest.waitFor();
		double before = Double.parseDouble(newest.getAttribute("data-decision-id"));
		this.page.evaluate("() => window.notReloaded = true");
		this.page.waitForFunction(
				"(before) => Number(document.querySelector('#decision-log > li')?.dataset.decisionId) > before", before);
		assertThat(this.page.evaluate("() => window.notReloaded")).isEqualTo(true);
		// In the reasons, folded away: the replica that decided, as the API gives it.
		assertThat(newest.locator(".decided-by")).hasText("Decided by replica " + this.leadership.replicaId());
	}

	@Test
	void aScaleInMovesOnInItsRowWithoutReloading() {
		// Two simulated instances and a maximum of one: activating the group removes one, which drains
		// for three seconds before it is terminated.
		RestClient api = RestClient.create(url(""));
		api.post()
			.uri("/api/v1/groups")
			.body(Map.of("name", "shrinking", "autoScalingGroupName", "shrinking", "region", "us-east-1",
					"evaluationInterval", "PT1S", "mode", "paused", "maxCapacity", 1, "actuation",
					Map.of("registration", "controller-managed", "targetGroups", List.of(Map.of("arn",
							"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shrinking/0123456789abcdef")),
							"scaleIn", Map.of("victimSelection", "oldest", "drainTimeout", "PT3S"))))
			.retrieve()
			.toBodilessEntity();
		this.page.navigate(url("/group.html?name=shrinking"));
		assertThat(this.page.locator("#live-status")).hasAttribute("data-state", "live");
		this.page.evaluate("() => window.notReloaded = true");
		api.put().uri("/api/v1/groups/shrinking/mode").body(Map.of("mode", "active")).retrieve().toBodilessEntity();

		Locator scaleIn = this.page.locator("#decision-log > li")
			.filter(new Locator.FilterOptions().setHas(this.page.locator(".badge.action-terminate-instances")));
		assertThat(scaleIn.locator(".decision-head .badge.outcome-in-progress")).hasText("in-progress");
		assertThat(scaleIn.locator(".victims .badge")).hasText("draining");
		// Assertions wait 5 s by default; the drain and the next evaluations may take longer on a busy machine.
		assertThat(scaleIn.locator(".decision-head .badge.outcome-succeeded")).hasText("succeeded",
				new LocatorAssertions.HasTextOptions().setTimeout(20_000));
		assertThat(scaleIn.locator(".victims .badge")).hasText("done");
		assertThat(scaleIn).hasCount(1);
		assertThat(this.page.evaluate("() => window.notReloaded")).isEqualTo(true);
	}

	@Test
	void policyWithAnInvalidValueShowsTheApiMessageNextToTheField() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		Locator form = this.page.locator("#policy-form");
		form.getByRole(AriaRole.TEXTBOX, named("Name")).fill("too-low");
		form.getByRole(AriaRole.SPINBUTTON, named("Target value")).fill("-5");
		form.getByRole(AriaRole.BUTTON, named("Save policy")).click();
		Locator target = form.getByRole(AriaRole.SPINBUTTON, named("Target value"));
		assertThat(target).hasAttribute("aria-invalid", "true");
		Locator error = form.locator(".field:has([name='targetValue']) .field-error");
		assertThat(error).isVisible();
		assertThat(error).hasText(Pattern.compile("positive|greater than"));
		assertThat(this.catalog.findPolicies(DEMO)).noneMatch((policy) -> policy.name().equals("too-low"));
	}

	@Test
	void aLookaheadBeyondItsLimitIsRefusedNextToItsField() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		Locator form = this.page.locator("#policy-form");
		form.getByRole(AriaRole.TEXTBOX, named("Name")).fill("far-sighted");
		form.getByRole(AriaRole.SPINBUTTON, named("Target value")).fill("70");
		form.getByRole(AriaRole.SPINBUTTON, named("Look ahead (seconds)")).fill("3600");
		form.getByRole(AriaRole.BUTTON, named("Save policy")).click();
		Locator error = form.locator(".field:has([name='lookahead']) .field-error");
		assertThat(error).isVisible();
		assertThat(error).hasText(Pattern.compile("PT30M"));
		assertThat(this.catalog.findPolicies(DEMO)).noneMatch((policy) -> policy.name().equals("far-sighted"));
	}

	@Test
	void editingInTheFormKeepsARegionThePolicyNamesButDoesNotPinTheGroupsOwn() {
		RestClient api = RestClient.create(url(""));
		api.post()
			.uri("/api/v1/groups")
			.body(Map.of("name", "regional", "autoScalingGroupName", "regional", "region", "eu-west-1", "mode",
					"paused"))
			.retrieve()
			.toBodilessEntity();
		for (String name : List.of("pinned", "unpinned")) {
			Map<String, Object> metric = new HashMap<>(Map.of("source", "cloudwatch", "namespace", "AWS/EC2",
					"metricName", "CPUUtilization", "dimensions", Map.of("AutoScalingGroupName", "regional"),
					"statistic", "Average", "period", "PT1M"));
			if (name.equals("pinned")) {
				metric.put("region", "us-west-2");
			}
			api.post()
				.uri("/api/v1/groups/regional/policies")
				.body(Map.of("name", name, "type", "target-tracking", "targetValue", 50, "metric", metric))
				.retrieve()
				.toBodilessEntity();
		}
		this.page.navigate(url("/group.html?name=regional"));
		Locator form = this.page.locator("#policy-form");
		for (String name : List.of("pinned", "unpinned")) {
			this.page.locator("#policy-list").getByRole(AriaRole.BUTTON, named("Edit policy " + name)).click();
			form.getByRole(AriaRole.SPINBUTTON, named("Target value")).fill("60");
			form.getByRole(AriaRole.BUTTON, named("Save policy")).click();
			assertThat(form.locator(".form-summary")).hasText("Policy saved.");
		}
		assertThat(storedSpec("pinned")).contains("\"region\":\"us-west-2\"").contains("\"targetValue\":60");
		assertThat(storedSpec("unpinned")).doesNotContain("\"region\"").contains("\"targetValue\":60");
	}

	private String storedSpec(String policy) {
		return this.jdbc.sql("SELECT spec FROM scaling_policy WHERE group_name = 'regional' AND name = ?")
			.param(policy)
			.query(String.class)
			.single();
	}

	@Test
	void aNewGroupCanBeAddedAndPaused() {
		this.page.navigate(url("/"));
		Locator form = this.page.locator("#new-group");
		form.getByRole(AriaRole.TEXTBOX, named("Name")).fill("checkout");
		form.getByRole(AriaRole.TEXTBOX, named("Auto Scaling Group")).fill("checkout-asg");
		form.getByRole(AriaRole.COMBOBOX, named("Mode")).selectOption("active");
		form.getByRole(AriaRole.BUTTON, named("Add group")).click();
		this.page.waitForURL("**/group.html?name=checkout");
		// By keyboard, as an operator in a hurry would.
		this.page.locator(".mode-switch button[data-mode='paused']").focus();
		this.page.keyboard().press("Enter");
		assertThat(this.page.locator(".mode-switch button[data-mode='paused']")).hasAttribute("aria-pressed", "true");
		assertThat(this.page.locator("#group-mode .badge")).hasText("paused");
		await().until(() -> this.catalog.findGroup("checkout").orElseThrow().mode() == Mode.PAUSED);
	}

	@Test
	void groupSettingsShowTheApiMessageNextToTheField() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		Locator form = this.page.locator("#group-form");
		form.getByRole(AriaRole.SPINBUTTON, named("Minimum capacity")).fill("9");
		form.getByRole(AriaRole.SPINBUTTON, named("Maximum capacity")).fill("3");
		form.getByRole(AriaRole.BUTTON, named("Save settings")).click();
		assertThat(form.locator(".field:has([name='minCapacity']) .field-error"))
			.hasText(Pattern.compile("greater than maxCapacity"));
		assertThat(this.catalog.findGroup(DEMO)).get().extracting(ManagedGroup::minCapacity).isNotEqualTo(9);
	}

	@Test
	void aLeaseCanBeTakenAndReleased() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		Locator form = this.page.locator("#lease-form");
		form.getByRole(AriaRole.SPINBUTTON, named("Capacity (instances)")).fill("3");
		form.getByRole(AriaRole.TEXTBOX, named("Reason")).fill("browser test");
		form.getByRole(AriaRole.BUTTON, named("Create lease")).click();
		Locator lease = this.page.locator("#lease-list li", new Page.LocatorOptions().setHasText("browser test"));
		assertThat(lease).containsText("≥ 3 instances");
		lease.getByRole(AriaRole.BUTTON, named("Release lease browser test")).click();
		assertThat(lease).hasCount(0);
	}

	@Test
	void everyControlIsLabelledAndReachableByKeyboard() {
		this.page.navigate(url("/group.html?name=" + DEMO));
		this.page.locator("#policy-form input[name='targetValue']").waitFor();
		Object unlabelled = this.page.evaluate("""
				() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
					.filter((control) => !control.labels?.length && !control.getAttribute('aria-label')
						&& !control.textContent.trim())
					.map((control) => control.outerHTML)""");
		assertThat((List<?>) unlabelled).isEmpty();
		Object unreachable = this.page.evaluate("""
				() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')]
					.filter((control) => control.tabIndex < 0).map((control) => control.outerHTML)""");
		assertThat((List<?>) unreachable).isEmpty();
	}

	@Test
	void pagesFitAPhoneScreen() {
		Page phone = this.context.browser()
			.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))
			.newPage();
		for (String path : List.of("/", "/group.html?name=" + DEMO)) {
			phone.navigate(url(path));
			phone.locator(".last-decision[data-decision-id], #decision-log > li").first().waitFor();
			assertThat(phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
				.as("%s scrolls sideways at phone width", path)
				.isEqualTo(true);
		}
		phone.context().close();
	}

	/** Controls are found as people and screen readers find them: by role and accessible name. */
	private static Locator.GetByRoleOptions named(String name) {
		return new Locator.GetByRoleOptions().setName(name).setExact(true);
	}

}
