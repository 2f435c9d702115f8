package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Change capacity in steps when a metric breaches a threshold, as EC2 Auto Scaling step policies
 * do: the breach holds when {@code datapointsToAlarm} of the last {@code evaluationPeriods}
 * datapoints breach; the step whose bounds (relative to the threshold) contain the newest value's
 * distance from the threshold gives the adjustment.
 *
 * @param fallback the capacity to hold at least while the metric is unknown, or {@code null} for no
 * opinion then
 */
public record StepScalingPolicy(String name, MetricQuery metric, double threshold, Comparison comparison,
		int datapointsToAlarm, int evaluationPeriods, AdjustmentType adjustmentType, List<StepAdjustment> steps,
		Integer minAdjustmentMagnitude, Duration instanceWarmup, Behavior behavior, Integer fallback) implements Policy {

	public StepScalingPolicy {
		steps = List.copyOf(steps);
	}

	@Override
	public Optional<MetricQuery> metricQuery() {
		return Optional.of(this.metric);
	}

	@Override
	public Duration lookback() {
		return this.metric.period().multipliedBy(this.evaluationPeriods + 2L);
	}

	public enum Comparison {

		GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL

	}

	public enum AdjustmentType {

		CHANGE_IN_CAPACITY, EXACT_CAPACITY, PERCENT_CHANGE_IN_CAPACITY

	}

	/**
	 * One step: applies when {@code lowerBound <= value - threshold < upperBound}; a {@code null}
	 * bound is unbounded on that side.
	 */
	public record StepAdjustment(Double lowerBound, Double upperBound, double adjustment) {
	}

}
