package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

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
			return MetricData.unknown(policy, TYPE, problem.get(), policy.fallback(), input);
		}
		if (!(policy.targetValue() > 0)) {
			// The API rejects such a policy; a stored one must still never size the group to zero.
			return Opinion.of(policy, new Recommendation(policy.name(), null, false, List.of(new Reason(
					TYPE + ".invalid", policy.name() + ": targetValue must be positive", Map.of()))));
		}
		double metric = window.latest().orElseThrow().value();
		Recommendation measured = recommend(policy, input, metric);
		return Opinion.of(policy, lookingAhead(policy, input, window, metric, measured).orElse(measured));
	}

	/**
	 * A larger scale-out for the load the metric's trend reaches {@code lookahead} ahead, when the
	 * policy looks ahead and the trend is up: instances launched now serve only after their boot, so
	 * sizing from the measured value alone is always one boot late on a ramp. Never a scale-in, nor
	 * fewer instances than the measured value asks for: a falling trend is not acted on.
	 */
	private static Optional<Recommendation> lookingAhead(TargetTrackingPolicy policy, EvaluationInput input,
			MetricWindow window, double metric, Recommendation measured) {
		Duration lookahead = policy.lookahead();
		if (lookahead == null || !lookahead.isPositive()) {
			return Optional.empty();
		}
		Duration warmup = WarmUp.of(policy.instanceWarmup());
		int capacity = WarmUp.measuredCapacity(input.fleet(), warmup, input.now());
		if (capacity == 0) {
			return Optional.empty();
		}
		OptionalDouble slope = Trend.slope(window, input.fleet(), warmup, input.history(), input.now(), capacity);
		if (slope.isEmpty() || !(slope.getAsDouble() > 0)) {
			return Optional.empty();
		}
		double ahead = metric + slope.getAsDouble() * lookahead.toMillis() / 1000.0;
		double ratio = ahead / policy.targetValue();
		double tolerance = tolerance(policy, input);
		int current = input.fleet().desiredCapacity();
		int desired = Numbers.ceil(capacity * ratio);
		boolean larger = (measured.desired() != null) ? desired > measured.desired() : desired > current;
		if (ratio - 1 <= tolerance || desired <= current || !larger) {
			return Optional.empty();
		}
		double perMinute = slope.getAsDouble() * 60;
		Map<String, Object> figures = Map.of("metric", metric, "slopePerMinute", perMinute, "lookahead",
				lookahead.toString(), "extrapolated", ahead, "target", policy.targetValue(), "ratio", ratio,
				"measuredCapacity", capacity, "current", current, "tolerance", tolerance);
		return Optional.of(recommendation(policy, desired, "lookahead", Numbers.format(metric) + " rising "
				+ Numbers.format(perMinute) + " a minute reaches " + Numbers.format(ahead) + " in " + lookahead
				+ " against target " + Numbers.format(policy.targetValue()) + " on " + capacity
				+ " measured instances: ceil(" + capacity + " × " + Numbers.format(ratio) + ") = " + desired, figures));
	}

	private static double tolerance(TargetTrackingPolicy policy, EvaluationInput input) {
		return (policy.tolerance() != null) ? policy.tolerance()
				: Behavior.effective(input.group(), policy).tolerance();
	}

	private static Recommendation recommend(TargetTrackingPolicy policy, EvaluationInput input, double metric) {
		int current = input.fleet().desiredCapacity();
		int measured = WarmUp.measuredCapacity(input.fleet(), WarmUp.of(policy.instanceWarmup()), input.now());
		if (measured == 0) {
			return recommendation(policy, current, "no-measured-capacity",
					"no serving instance past its warm-up produced the metric; keep " + current,
					Map.of("metric", metric, "current", current));
		}
		double ratio = metric / policy.targetValue();
		double tolerance = tolerance(policy, input);
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
