package io.capacitypilot.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Target tracking, as the HPA and EC2 Auto Scaling compute it: the capacity that would bring the
 * metric to its target is {@code ceil(measured capacity × metric / target)}, where the measured
 * capacity is the serving instances past their warm-up, those that produced the datapoint.
 */
final class TargetTracking {

	static final String TYPE = "target-tracking";

	private TargetTracking() {
	}

	static Opinion evaluate(TargetTrackingPolicy policy, EvaluationInput input) {
		MetricWindow window = input.windows().get(policy.metric());
		Optional<String> problem = MetricData.problem(window, input.now());
		if (problem.isPresent()) {
			return Opinion.of(policy, MetricData.unknown(policy, TYPE, problem.get()));
		}
		return Opinion.of(policy, recommend(policy, input, window.latest().orElseThrow().value()));
	}

	private static Recommendation recommend(TargetTrackingPolicy policy, EvaluationInput input, double metric) {
		int current = input.fleet().desiredCapacity();
		int measured = WarmUp.measuredCapacity(input.fleet(), policy.instanceWarmup(), input.now());
		if (measured == 0) {
			return recommendation(policy, current, "no-measured-capacity",
					"no serving instance past its warm-up produced the metric; keep " + current,
					Map.of("metric", metric, "current", current));
		}
		double ratio = metric / policy.targetValue();
		double tolerance = (policy.tolerance() != null) ? policy.tolerance()
				: Behavior.effective(input.group(), policy).tolerance();
		Map<String, Object> figures = Map.of("metric", metric, "target", policy.targetValue(), "ratio", ratio,
				"measuredCapacity", measured, "current", current, "tolerance", tolerance);
		String measuredText = Numbers.format(metric) + " against target " + Numbers.format(policy.targetValue());
		if (Math.abs(ratio - 1) <= tolerance) {
			return recommendation(policy, current, "within-tolerance", measuredText + " is within the "
					+ Numbers.format(tolerance * 100) + " % tolerance; keep " + current, figures);
		}
		int desired = Numbers.ceil(measured * ratio);
		String computed = measuredText + " on " + measured + " measured instances: ceil(" + measured + " × "
				+ Numbers.format(ratio) + ") = " + desired;
		if (desired < current && policy.disableScaleIn()) {
			return new Recommendation(policy.name(), null, false, List.of(new Reason(TYPE + ".scale-in-disabled",
					computed + "; scale-in is disabled, other policies decide", figures)));
		}
		return recommendation(policy, desired, "ratio", computed, figures);
	}

	private static Recommendation recommendation(TargetTrackingPolicy policy, int desired, String code, String text,
			Map<String, Object> figures) {
		return new Recommendation(policy.name(), desired, false,
				List.of(new Reason(TYPE + "." + code, policy.name() + ": " + text, figures)));
	}

}
