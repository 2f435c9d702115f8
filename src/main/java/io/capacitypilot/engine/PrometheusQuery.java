package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Objects;

/** A PromQL expression evaluated by a Prometheus-compatible query API, one datapoint per period. */
public record PrometheusQuery(String query, Duration period) implements MetricQuery {

	public PrometheusQuery {
		Objects.requireNonNull(query, "query");
		Objects.requireNonNull(period, "period");
	}

}
