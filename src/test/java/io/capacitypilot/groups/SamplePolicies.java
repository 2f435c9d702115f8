package io.capacitypilot.groups;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.PredictivePolicy;
import io.capacitypilot.engine.PrometheusQuery;
import io.capacitypilot.engine.ScalingRules;
import io.capacitypilot.engine.ScheduledPolicy;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.engine.StepScalingPolicy;
import io.capacitypilot.engine.TargetTrackingPolicy;

/** One policy of each type, with every optional field set, to prove nothing is lost on the way. */
public final class SamplePolicies {

	public static final Behavior BEHAVIOR = new Behavior(
			new ScalingRules(Duration.ZERO,
					List.of(new ScalingRules.RateLimit(ScalingRules.LimitType.PERCENT, 100, Duration.ofMinutes(1)),
							new ScalingRules.RateLimit(ScalingRules.LimitType.INSTANCES, 4, Duration.ofMinutes(1))),
					ScalingRules.SelectPolicy.MAX, Duration.ofMinutes(1)),
			new ScalingRules(Duration.ofMinutes(5), null, ScalingRules.SelectPolicy.DISABLED, null), 0.1);

	private SamplePolicies() {
	}

	public static TargetTrackingPolicy targetTracking() {
		return new TargetTrackingPolicy("cpu",
				new CloudWatchQuery("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", "web"), "p90",
						Duration.ofMinutes(1)),
				50, Duration.ofMinutes(5), false, 0.05, BEHAVIOR, null);
	}

	public static StepScalingPolicy step() {
		return new StepScalingPolicy("queue", new PrometheusQuery("sum(queue_depth)", Duration.ofSeconds(30)), 100,
				StepScalingPolicy.Comparison.GREATER_THAN, 2, 3, StepScalingPolicy.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY,
				List.of(new StepScalingPolicy.StepAdjustment(0.0, 50.0, 10),
						new StepScalingPolicy.StepAdjustment(50.0, null, 30)),
				2, Duration.ofMinutes(3), null, null);
	}

	public static ScheduledPolicy scheduled() {
		return new ScheduledPolicy("business-hours",
				List.of(new ScheduledPolicy.Schedule("0 0 8 * * MON-FRI", ZoneId.of("Europe/Paris"), null,
						Duration.ofHours(10), 4, 20, null),
						new ScheduledPolicy.Schedule(null, null, Instant.parse("2026-12-31T20:00:00Z"),
								Duration.ofHours(6), null, null, 12)),
				null);
	}

	public static PredictivePolicy predictive() {
		return new PredictivePolicy("forecast",
				new ScrapeQuery("http_server_requests_seconds_count", Map.of("uri", "/api"), "sum", Duration.ofMinutes(1)),
				200, Duration.ofDays(7), Duration.ofMinutes(5), false, PredictivePolicy.MaxCapacityBehavior.INCREASE_MAX,
				10, null);
	}

}
