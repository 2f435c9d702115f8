package io.capacitypilot.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.web.client.RestClient;

/**
 * The demo group that the simulated fleet seeds at startup, evaluated more often for the browser
 * tests and the screenshots, so that there is something to see within seconds. Changed through the
 * API, as an operator would.
 */
final class FastDemoGroup {

	static final String NAME = "demo-web";

	/** A simulated target group the demo's instances are registered in, so the dashboard has target health to show. */
	static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/demo-web/0123456789abcdef";

	private FastDemoGroup() {
	}

	@SuppressWarnings("unchecked")
	static void evaluateEvery(RestClient api, Duration interval) {
		Map<String, Object> group = api.get().uri("/api/v1/groups/{name}", NAME).retrieve().body(Map.class);
		group.keySet().removeAll(List.of("fleet", "fleetError", "createdAt", "updatedAt"));
		group.put("evaluationInterval", interval.toString());
		group.put("actuation",
				Map.of("registration", "controller-managed", "targetGroups", List.of(Map.of("arn", TARGET_GROUP))));
		api.put().uri("/api/v1/groups/{name}", NAME).body(group).retrieve().toBodilessEntity();
	}

}
