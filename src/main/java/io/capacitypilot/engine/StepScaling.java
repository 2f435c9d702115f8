package io.capacitypilot.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.engine.StepScalingPolicy.Comparison;
import io.capacitypilot.engine.StepScalingPolicy.StepAdjustment;

/**
 * Step scaling, as EC2 Auto Scaling runs it: the alarm holds when {@code M} of the last {@code N}
 * datapoints breach the threshold; the step whose bounds contain the newest value's distance from
 * the threshold then says how much to change. Without a breach the policy has no opinion.
 */
final class StepScaling {

	static final String TYPE = "step";

	private StepScaling() {
	}

	static Opinion evaluate(StepScalingPolicy policy, EvaluationInput input) {
		MetricWindow window = MetricData.windowOf(input, policy.metric());
		Optional<String> problem = MetricData.problem(window, input.now());
		if (problem.isPresent()) {
			return Opinion.of(policy, MetricData.unknown(policy, TYPE, problem.get()));
		}
		List<Datapoint> datapoints = window.datapoints();
		int evaluated = Math.min(datapoints.size(), policy.evaluationPeriods());
		int breaching = 0;
		for (int i = datapoints.size() - evaluated; i < datapoints.size(); i++) {
			breaching += breaches(policy, datapoints.get(i).value()) ? 1 : 0;
		}
		double value = datapoints.getLast().value();
		String alarm = breaching + " of the last " + evaluated + " datapoint(s) " + symbol(policy.comparison()) + " "
				+ Numbers.format(policy.threshold());
		if (breaching < policy.datapointsToAlarm()) {
			return Opinion.of(policy, noOpinion(policy, "no-breach",
					alarm + ", " + policy.datapointsToAlarm() + " needed: no alarm",
					Map.of("breaching", breaching, "datapointsToAlarm", policy.datapointsToAlarm())));
		}
		double distance = value - policy.threshold();
		StepAdjustment step = stepFor(policy, distance);
		if (step == null) {
			return Opinion.of(policy, noOpinion(policy, "no-matching-step", alarm + ", but no step covers "
					+ Numbers.format(value) + " (" + Numbers.format(distance) + " from the threshold)",
					Map.of("value", value, "distance", distance)));
		}
		return Opinion.of(policy, adjust(policy, step, input, alarm, value));
	}

	private static Recommendation adjust(StepScalingPolicy policy, StepAdjustment step, EvaluationInput input,
			String alarm, double value) {
		int current = input.fleet().desiredCapacity();
		int desired;
		String how;
		if (policy.adjustmentType() == StepScalingPolicy.AdjustmentType.EXACT_CAPACITY) {
			desired = (int) step.adjustment();
			how = "set capacity to " + desired;
		}
		else {
			// Instances launched for an earlier alarm and still warming are part of the answer to
			// this one: a repeated alarm adds only what a larger step asks beyond them.
			int warming = WarmUp.warmingCount(input.fleet(), policy.instanceWarmup(), input.now());
			int change = change(policy, step, current);
			desired = (change > 0) ? Math.max(current, current - warming + change) : current + change;
			how = "change by " + change + ((change > 0 && warming > 0) ? " counting " + warming + " warming" : "");
		}
		desired = Math.max(0, desired);
		return new Recommendation(policy.name(), desired, false,
				List.of(new Reason(TYPE + ".adjustment", policy.name() + ": " + alarm + "; the step for "
						+ Numbers.format(value) + " says " + how + ": " + desired,
						Map.of("value", value, "threshold", policy.threshold(), "adjustment", step.adjustment(),
								"adjustmentType", policy.adjustmentType().name(), "current", current, "desired",
								desired))));
	}

	/**
	 * The change in instances. A percent change is truncated toward zero, but never to less than one
	 * instance nor less than {@code minAdjustmentMagnitude}, as EC2 Auto Scaling rounds it.
	 */
	private static int change(StepScalingPolicy policy, StepAdjustment step, int current) {
		if (policy.adjustmentType() == StepScalingPolicy.AdjustmentType.CHANGE_IN_CAPACITY) {
			return (int) step.adjustment();
		}
		double exact = current * step.adjustment() / 100;
		int magnitude = Math.max(1, (int) Math.abs(exact));
		if (policy.minAdjustmentMagnitude() != null) {
			magnitude = Math.max(magnitude, policy.minAdjustmentMagnitude());
		}
		return (exact == 0) ? 0 : (int) Math.signum(exact) * magnitude;
	}

	/**
	 * The step containing the distance. Above the threshold a step's lower bound is inclusive and
	 * its upper exclusive; below it the other way round, so that the threshold itself always falls
	 * in the step nearest to it.
	 */
	private static StepAdjustment stepFor(StepScalingPolicy policy, double distance) {
		boolean above = policy.comparison() == Comparison.GREATER_THAN
				|| policy.comparison() == Comparison.GREATER_THAN_OR_EQUAL;
		for (StepAdjustment step : policy.steps()) {
			boolean fromLower = (step.lowerBound() == null)
					|| (above ? distance >= step.lowerBound() : distance > step.lowerBound());
			boolean toUpper = (step.upperBound() == null)
					|| (above ? distance < step.upperBound() : distance <= step.upperBound());
			if (fromLower && toUpper) {
				return step;
			}
		}
		return null;
	}

	private static boolean breaches(StepScalingPolicy policy, double value) {
		return switch (policy.comparison()) {
			case GREATER_THAN -> value > policy.threshold();
			case GREATER_THAN_OR_EQUAL -> value >= policy.threshold();
			case LESS_THAN -> value < policy.threshold();
			case LESS_THAN_OR_EQUAL -> value <= policy.threshold();
		};
	}

	private static String symbol(Comparison comparison) {
		return switch (comparison) {
			case GREATER_THAN -> ">";
			case GREATER_THAN_OR_EQUAL -> ">=";
			case LESS_THAN -> "<";
			case LESS_THAN_OR_EQUAL -> "<=";
		};
	}

	private static Recommendation noOpinion(StepScalingPolicy policy, String code, String text,
			Map<String, Object> figures) {
		return new Recommendation(policy.name(), null, false,
				List.of(new Reason(TYPE + "." + code, policy.name() + ": " + text, figures)));
	}

}
