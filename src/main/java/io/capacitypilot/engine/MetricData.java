package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether a policy's metric window can be acted on: missing, failed or stale data is unknown, never zero. */
final class MetricData {

	private MetricData() {
	}

	/** The window answering a policy's query, or {@code null} when there is none (or no query). */
	static MetricWindow windowOf(EvaluationInput input, MetricQuery query) {
		return (query != null) ? input.windows().get(query) : null;
	}

	/** Why the window cannot be acted on, or empty when it can. */
	static Optional<String> problem(MetricWindow window, Instant now) {
		if (window == null) {
			return Optional.of("no data was fetched");
		}
		if (window.failed()) {
			return Optional.of("the metric source failed: " + window.error());
		}
		if (window.datapoints().isEmpty()) {
			return Optional.of("the metric returned no datapoints");
		}
		if (window.isStale(now)) {
			Duration age = Duration.between(window.latest().orElseThrow().timestamp(), now);
			return Optional.of("the newest datapoint is " + age.toSeconds() + " s old, more than three periods");
		}
		return Optional.empty();
	}

	/** A recommendation without an opinion because the data is unknown: {@code <type>.data-unknown}. */
	static Recommendation unknown(Policy policy, String type, String problem) {
		return new Recommendation(policy.name(), null, true, List.of(new Reason(type + ".data-unknown",
				policy.name() + ": no recommendation, " + problem, Map.of("problem", problem))));
	}

}
