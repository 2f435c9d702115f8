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

	private FastDemoGroup() {
	}

	@SuppressWarnings("unchecked")
	static void evaluateEvery(RestClient api, Duration interval) {
		Map<String, Object> group = api.get().uri("/api/v1/groups/{name}", NAME).retrieve().body(Map.class);
		group.keySet().removeAll(List.of("fleet", "fleetError", "createdAt", "updatedAt"));
		group.put("evaluationInterval", interval.toString());
		api.put().uri("/api/v1/groups/{name}", NAME).body(group).retrieve().toBodilessEntity();
	}

}
