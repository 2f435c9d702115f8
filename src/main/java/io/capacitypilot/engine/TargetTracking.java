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
		MetricWindow window = MetricData.windowOf(input, policy.metric());
		Optional<String> problem = MetricData.problem(window, input.now());
		if (problem.isPresent()) {
			return Opinion.of(policy, MetricData.unknown(policy, TYPE, problem.get()));
		}
		if (!(policy.targetValue() > 0)) {
			// The API rejects such a policy; a stored one must still never size the group to zero.
			return Opinion.of(policy, new Recommendation(policy.name(), null, false, List.of(new Reason(
					TYPE + ".invalid", policy.name() + ": targetValue must be positive", Map.of()))));
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
		if ((ratio > 1) ? desired < current : desired > current) {
			// As the HPA does: instances that were not measured (warming, unhealthy) must not turn a
			// load above target into a scale-in, nor one below target into a scale-out.
			return recommendation(policy, current, "against-load", computed + " would move against the load, as "
					+ (current - measured) + " instance(s) were not measured; keep " + current, figures);
		}
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
