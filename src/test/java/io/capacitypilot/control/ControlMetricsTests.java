package io.capacitypilot.control;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loop's own meters reach the Prometheus endpoint once the demo group has been evaluated. */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:control-metrics;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.tick=100ms" })
@AutoConfigureMockMvc
class ControlMetricsTests {

	@Autowired
	MockMvc mvc;

	@Test
	void evaluationsDecisionsDurationAndMetricAgeAreExported() {
		MockMvcTester api = MockMvcTester.create(this.mvc);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(api.get().uri("/actuator/prometheus")).hasStatusOk()
				.bodyText()
				.contains("capacitypilot_evaluations_total{group=\"demo-web\"",
						"capacitypilot_decisions_total{direction=", "capacitypilot_evaluation_duration_seconds_count",
						"capacitypilot_metric_age_seconds_count"));
	}

}
