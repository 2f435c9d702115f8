package io.capacitypilot.actuation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The running service's REST API, as the actuation tests drive and read it. */
record GroupsApi(RestClient rest) {

	static GroupsApi on(int port) {
		return new GroupsApi(RestClient.create("http://localhost:" + port));
	}

	/**
	 * An active controller-managed group on its ASG of the same name, with one target-tracking policy
	 * on CPU (50 %) and no scale-in stabilization.
	 */
	void registerGroup(String name, Duration interval, String targetGroupArn, String victimSelection) {
		registerGroup(name, interval, targetGroupArn, victimSelection,
				Map.of("name", "cpu", "type", "target-tracking", "targetValue", 50, "instanceWarmup", "PT0S", "metric",
						Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName", "CPUUtilization",
								"dimensions", Map.of("AutoScalingGroupName", name), "statistic", "Minimum", "period",
								"PT10S")));
	}

	/**
	 * An active controller-managed group on its ASG of the same name, with the given policy and no
	 * scale-in stabilization.
	 */
	void registerGroup(String name, Duration interval, String targetGroupArn, String victimSelection,
			Map<String, Object> policy) {
		this.rest.post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "autoScalingGroupName", name, "region", "us-east-1", "evaluationInterval",
					interval.toString(), "mode", "paused", "behavior",
					Map.of("scaleOut", Map.of("cooldown", "PT5M"), "scaleIn", Map.of("stabilizationWindow", "PT0S")),
					"actuation", Map.of("registration", "controller-managed", "targetGroups",
							List.of(Map.of("arn", targetGroupArn, "port", 8080)), "scaleIn",
							Map.of("victimSelection", victimSelection))))
			.retrieve()
			.toBodilessEntity();
		this.rest.post()
			.uri("/api/v1/groups/{name}/policies", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(policy)
			.retrieve()
			.toBodilessEntity();
		// Paused until its policy is in place, so every decision the tests read is the policy's.
		this.rest.put()
			.uri("/api/v1/groups/{name}/mode", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("mode", "active"))
			.retrieve()
			.toBodilessEntity();
	}

	/** A group with the live state of its fleet. */
	@SuppressWarnings("unchecked")
	Map<String, Object> fleet(String name) {
		Map<String, Object> group = this.rest.get().uri("/api/v1/groups/{name}", name).retrieve().body(Map.class);
		return (Map<String, Object>) group.get("fleet");
	}

	/** A group's decisions, newest first. */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> decisions(String name) {
		Map<String, Object> page = this.rest.get()
			.uri("/api/v1/groups/{name}/decisions?size=200", name)
			.retrieve()
			.body(Map.class);
		return (List<Map<String, Object>>) page.get("items");
	}

	/** The newest scale-in decision of a group, or {@code null}. */
	Map<String, Object> latestScaleIn(String name) {
		return decisions(name).stream()
			.filter((decision) -> "terminate-instances".equals(decision.get("action")))
			.findFirst()
			.orElse(null);
	}

	/** The newest scale-in decision of a group whose steps all finished, or {@code null}. */
	Map<String, Object> finishedScaleIn(String name) {
		Map<String, Object> decision = latestScaleIn(name);
		return (decision != null && !"in-progress".equals(decision.get("outcome"))) ? decision : null;
	}

	@SuppressWarnings("unchecked")
	static List<Object> noteCodes(Map<String, Object> decision) {
		return ((List<Map<String, Object>>) ((Map<String, Object>) decision.get("detail")).get("notes")).stream()
			.map((note) -> note.get("code"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> steps(Map<String, Object> decision) {
		return (List<Map<String, Object>>) decision.get("steps");
	}

	/** The states one step went through, in order. */
	@SuppressWarnings("unchecked")
	static List<Object> states(Map<String, Object> step) {
		return ((List<Map<String, Object>>) step.get("history")).stream().map((t) -> t.get("state")).toList();
	}

}
