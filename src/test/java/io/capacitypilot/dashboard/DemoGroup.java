package io.capacitypilot.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The demo group on the simulated fleet, quickened for the browser tests and the screenshots: it is
 * evaluated more often, so that there is something to see within seconds. Where the service has not
 * seeded it, it is created through the API, target-tracking CPU at 50 %.
 */
final class DemoGroup {

	static final String NAME = "demo-web";

	private DemoGroup() {
	}

	static void quicken(RestClient api, Duration evaluationInterval, Duration metricPeriod) {
		Map<String, Object> group = find(api);
		if (group == null) {
			create(api, metricPeriod);
			group = find(api);
		}
		group.keySet().removeAll(List.of("fleet", "fleetError", "createdAt", "updatedAt"));
		group.put("evaluationInterval", evaluationInterval.toString());
		api.put().uri("/api/v1/groups/{name}", NAME).body(group).retrieve().toBodilessEntity();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> find(RestClient api) {
		try {
			return api.get().uri("/api/v1/groups/{name}", NAME).retrieve().body(Map.class);
		}
		catch (HttpClientErrorException.NotFound ex) {
			return null;
		}
	}

	private static void create(RestClient api, Duration metricPeriod) {
		api.post()
			.uri("/api/v1/groups")
			.body(Map.of("name", NAME, "autoScalingGroupName", NAME, "region", "us-east-1", "mode", "active"))
			.retrieve()
			.toBodilessEntity();
		Map<String, Object> cpu = Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName", "CPUUtilization",
				"dimensions", Map.of("AutoScalingGroupName", NAME), "statistic", "Average", "period",
				metricPeriod.toString());
		api.post()
			.uri("/api/v1/groups/{name}/policies", NAME)
			.body(Map.of("name", "cpu", "type", "target-tracking", "metric", cpu, "targetValue", 50, "disableScaleIn",
					false))
			.retrieve()
			.toBodilessEntity();
	}

}
