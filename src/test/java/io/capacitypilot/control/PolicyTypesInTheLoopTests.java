package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every policy type, created through the REST API on a simulated group, is evaluated by the running
 * loop: one decision carries a recommendation of each, with its type's reason code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "capacitypilot.control.tick=200ms", "capacitypilot.sim.demo-group=false",
				"spring.datasource.url=jdbc:h2:mem:policy-types;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" })
class PolicyTypesInTheLoopTests {

	private static final Map<String, Object> CPU = Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName",
			"CPUUtilization", "dimensions", Map.of("AutoScalingGroupName", "shop"), "statistic", "Average", "period",
			"PT2S");

	@LocalServerPort
	int port;

	@Test
	void everyPolicyTypeReachesTheDecisions() {
		post("/api/v1/groups", Map.of("name", "shop", "autoScalingGroupName", "shop", "region", "sim",
				"evaluationInterval", "PT1S", "mode", "paused"));
		post("/api/v1/groups/shop/policies",
				Map.of("name", "cpu", "type", "target-tracking", "targetValue", 60, "metric", CPU));
		post("/api/v1/groups/shop/policies",
				Map.of("name", "cpu-alarm", "type", "step", "metric", CPU, "threshold", 0, "comparison",
						"greater-than-or-equal", "datapointsToAlarm", 1, "evaluationPeriods", 1, "adjustmentType",
						"change-in-capacity", "steps", List.of(Map.of("lowerBound", 0, "adjustment", 1))));
		post("/api/v1/groups/shop/policies",
				Map.of("name", "business-hours", "type", "scheduled", "schedules",
						List.of(Map.of("at", Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "duration", "PT1H",
								"minCapacity", 3))));
		post("/api/v1/groups/shop/policies",
				Map.of("name", "daily", "type", "predictive", "targetValue", 6000, "history", "PT24H", "metric",
						Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName", "RequestCount",
								"dimensions", Map.of("AutoScalingGroupName", "shop"), "statistic", "Sum", "period",
								"PT1M")));
		api().put()
			.uri("/api/v1/groups/shop/mode")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("mode", "dry-run"))
			.retrieve()
			.toBodilessEntity();

		// The step alarm needs one complete period of the simulated metric before it has data.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(decisions()).anySatisfy((decision) -> assertThat(reasonCodes(decision))
				.contains("step.adjustment", "scheduled.window", "predictive.insufficient-history")
				.anyMatch((code) -> code.startsWith("target-tracking.") && !code.endsWith("data-unknown"))));
	}

	private void post(String uri, Map<String, Object> body) {
		api().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> decisions() {
		return (List<Map<String, Object>>) api().get()
			.uri("/api/v1/groups/shop/decisions?size=20")
			.retrieve()
			.body(Map.class)
			.get("items");
	}

	@SuppressWarnings("unchecked")
	private static Set<String> reasonCodes(Map<String, Object> decision) {
		List<Map<String, Object>> recommendations = (List<Map<String, Object>>) ((Map<String, Object>) decision
			.get("detail")).get("recommendations");
		return recommendations.stream()
			.flatMap((recommendation) -> ((List<Map<String, Object>>) recommendation.get("reasons")).stream())
			.map((reason) -> (String) reason.get("code"))
			.collect(Collectors.toSet());
	}

	private RestClient api() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
