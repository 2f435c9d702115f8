package io.capacitypilot.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.capacitypilot.engine.MetricWindow;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * What one metric source has been doing, for people: a health indicator that is down while the
 * source cannot be reached, and the {@code capacitypilot.metrics.*} meters tagged with the source
 * (query latency and outcome, calls made, age of the data).
 * A query the source answered with an error (bad PromQL, several series) is counted as an error but
 * does not take the source down: the source itself works.
 */
public class MetricSourceMonitor implements HealthIndicator {

	private final String source;

	private final MeterRegistry registry;

	private final Clock clock;

	private final DistributionSummary datapointAge;

	private volatile Instant lastSuccess;

	private volatile Instant lastFailure;

	private volatile String lastError;

	public MetricSourceMonitor(String source, MeterRegistry registry, Clock clock) {
		this.source = source;
		this.registry = registry;
		this.clock = clock;
		this.datapointAge = DistributionSummary.builder("capacitypilot.metrics.datapoint.age")
			.description("Age of the newest datapoint of each window a metric source returned")
			.baseUnit("seconds")
			.tag("source", source)
			.register(registry);
	}

	public Timer.Sample start() {
		return Timer.start(this.registry);
	}

	/** Records one answered query: its latency, whether it failed and how old its data is. */
	public void answered(Timer.Sample sample, MetricWindow window, Instant now) {
		sample.stop(Timer.builder("capacitypilot.metrics.query")
			.description("Time to answer one metric query")
			.tag("source", this.source)
			.tag("outcome", window.failed() ? "error" : "success")
			.register(this.registry));
		window.latest()
			.ifPresent((latest) -> this.datapointAge
				.record(Math.max(0, Duration.between(latest.timestamp(), now).toMillis()) / 1000.0));
	}

	/**
	 * Counts the calls made to the source's endpoints (queries, scrapes) as
	 * {@code capacitypilot.metrics.calls}, by whether they were answered.
	 */
	public void called(long answered, long failed) {
		this.registry.counter("capacitypilot.metrics.calls", "source", this.source, "outcome", "answered")
			.increment(answered);
		this.registry.counter("capacitypilot.metrics.calls", "source", this.source, "outcome", "failed")
			.increment(failed);
	}

	/** The source answered (whatever it said about the query). */
	public void reachable() {
		this.lastSuccess = this.clock.instant();
	}

	/** The source could not be reached or failed as a whole. */
	public void unreachable(String error) {
		this.lastFailure = this.clock.instant();
		this.lastError = error;
	}

	@Override
	public Health health() {
		Instant success = this.lastSuccess;
		Instant failure = this.lastFailure;
		Map<String, Object> details = new LinkedHashMap<>();
		if (success != null) {
			details.put("lastSuccess", success.toString());
		}
		if (failure != null) {
			details.put("lastFailure", failure.toString());
			details.put("lastError", this.lastError);
		}
		Health.Builder health;
		if (failure != null && (success == null || failure.isAfter(success))) {
			health = Health.down();
		}
		else if (success != null) {
			health = Health.up();
		}
		else {
			// Not asked yet: nothing is known, and that must not pull the service's health down.
			health = Health.unknown();
		}
		return health.withDetails(details).build();
	}

}
