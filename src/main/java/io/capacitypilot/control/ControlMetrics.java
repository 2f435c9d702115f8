package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.engine.MetricWindow;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** The control loop's own telemetry, under {@code capacitypilot.*}. */
@Component
class ControlMetrics {

	private final MeterRegistry registry;

	private final DistributionSummary metricAge;

	ControlMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.metricAge = DistributionSummary.builder("capacitypilot.metric.age")
			.description("Age of the newest datapoint of each window the engine used")
			.baseUnit("seconds")
			.register(registry);
	}

	Timer.Sample startEvaluation() {
		return Timer.start(this.registry);
	}

	void evaluated(Timer.Sample sample, Decision decision) {
		String group = decision.groupName();
		sample.stop(Timer.builder("capacitypilot.evaluation.duration")
			.description("Time to evaluate one group: read the fleet, decide, act, record")
			.tag("group", group)
			.register(this.registry));
		this.registry.counter("capacitypilot.evaluations", "group", group, "outcome", decision.outcome().name())
			.increment();
		this.registry.counter("capacitypilot.decisions", "group", group, "direction", decision.direction().name())
			.increment();
		if (decision.action() == Action.SET_DESIRED_CAPACITY || decision.action() == Action.TERMINATE_INSTANCES) {
			this.registry.counter("capacitypilot.actions", "group", group, "outcome", decision.outcome().name())
				.increment();
		}
		if (decision.outcome() == Outcome.FAILED) {
			this.registry.counter("capacitypilot.errors", "group", group).increment();
		}
	}

	void windowUsed(MetricWindow window, Instant now) {
		window.latest()
			.ifPresent((latest) -> this.metricAge.record(Duration.between(latest.timestamp(), now).toMillis() / 1000.0));
	}

}
