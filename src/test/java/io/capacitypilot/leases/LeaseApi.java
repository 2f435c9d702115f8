package io.capacitypilot.leases;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.capacitypilot.engine.Mode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The groups and leases API as the tests call it, each call asserting the status it expects. */
final class LeaseApi {

	private final RestTestClient http;

	LeaseApi(RestTestClient http) {
		this.http = http;
	}

	void createGroup(String name, String autoScalingGroupName, String region, Duration interval, Mode mode,
			Integer maxCapacity, boolean leasesMayRaiseMax) {
		Map<String, Object> group = new HashMap<>(Map.of("name", name, "autoScalingGroupName", autoScalingGroupName,
				"region", region, "evaluationInterval", interval.toString(), "mode",
				mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), "leasesMayRaiseMax", leasesMayRaiseMax));
		if (maxCapacity != null) {
			group.put("maxCapacity", maxCapacity);
		}
		this.http.post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.body(group)
			.exchange()
			.expectStatus()
			.isCreated();
	}

	void deleteGroup(String name) {
		this.http.delete().uri("/api/v1/groups/{name}", name).exchange().expectStatus().isNoContent();
	}

	Lease acquire(String group, String body, HttpStatus expected) {
		return this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(expected)
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

	Lease get(String group, String id) {
		return this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}", group, id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

	Lease release(String group, String id) {
		return this.http.delete()
			.uri("/api/v1/groups/{name}/leases/{id}", group, id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

	static String leaseRequest(int capacity, String ttl, String clientKey) {
		return """
				{"capacity": %d, "ttl": "%s", "reason": "load test"%s}""".formatted(capacity, ttl,
				(clientKey != null) ? ", \"clientKey\": \"" + clientKey + "\"" : "");
	}

	Lease awaitReady(String group, String id, String timeout) {
		return this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}?waitFor=ready&timeout={timeout}", group, id, timeout)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

}
