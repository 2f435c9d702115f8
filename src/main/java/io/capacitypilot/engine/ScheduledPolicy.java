package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Capacity settings that apply during windows of time, recurring (cron) or one-off. */
public record ScheduledPolicy(String name, List<Schedule> schedules, Behavior behavior) implements Policy {

	public ScheduledPolicy {
		schedules = List.copyOf(schedules);
	}

	@Override
	public Optional<MetricQuery> metricQuery() {
		return Optional.empty();
	}

	@Override
	public Duration lookback() {
		return Duration.ZERO;
	}

	/**
	 * One window: starts at each time the Spring-style six-field {@code cron} expression matches in
	 * {@code zone} (UTC when {@code null}), or once at {@code at}, and lasts {@code duration}. Any of
	 * min, max and desired may be set.
	 */
	public record Schedule(String cron, ZoneId zone, Instant at, Duration duration, Integer minCapacity,
			Integer maxCapacity, Integer desiredCapacity) {
	}

}
