package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * A scaling policy of a group. Each type has one pure calculation in this package that turns its
 * metric window and the fleet state into a {@link Recommendation}.
 */
public sealed interface Policy permits TargetTrackingPolicy, StepScalingPolicy, ScheduledPolicy, PredictivePolicy {

	String name();

	/** Behaviour overrides of this policy, or {@code null} to use the group's. */
	Behavior behavior();

	/** The metric the policy reads, if any. */
	Optional<MetricQuery> metricQuery();

	/** How much history of {@link #metricQuery()} the policy needs. */
	Duration lookback();

}
