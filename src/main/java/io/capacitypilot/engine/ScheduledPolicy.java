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
	 *
	 * @throws IllegalArgumentException naming the setting that is inconsistent
	 */
	public record Schedule(String cron, ZoneId zone, Instant at, Duration duration, Integer minCapacity,
			Integer maxCapacity, Integer desiredCapacity) {

		public Schedule {
			if ((cron == null) == (at == null)) {
				throw new IllegalArgumentException("a schedule needs exactly one of cron and at");
			}
			if (cron != null) {
				Cron.parse(cron);
			}
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("duration must be positive");
			}
			if (minCapacity != null && maxCapacity != null && minCapacity > maxCapacity) {
				throw new IllegalArgumentException("minCapacity must not exceed maxCapacity");
			}
		}

	}

}
