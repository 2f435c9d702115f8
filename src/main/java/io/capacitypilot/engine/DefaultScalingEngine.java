package io.capacitypilot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine: every policy recommends, the recommendations combine, guardrails clip the result.
 * This first cut knows target tracking and the safety guardrails (unknown data never scales in,
 * bounds); the other policy types and behaviour controls follow.
 */
public class DefaultScalingEngine implements ScalingEngine {

	private static final double DEFAULT_TOLERANCE = 0.1;

	@Override
	public Evaluation evaluate(EvaluationInput input) {
		int current = input.fleet().desiredCapacity();
		List<Recommendation> recommendations = new ArrayList<>();
		for (Policy policy : input.policies()) {
			if (policy instanceof TargetTrackingPolicy targetTracking) {
				recommendations.add(targetTracking(targetTracking, input));
			}
		}
		boolean unknown = recommendations.stream().anyMatch(Recommendation::dataUnknown);
		Integer combined = recommendations.stream()
			.map(Recommendation::desired)
			.filter(java.util.Objects::nonNull)
			.reduce(Math::max)
			.orElse(null);
		List<GuardrailEffect> guardrails = new ArrayList<>();
		int desired = (combined != null) ? combined : current;
		if (unknown && desired < current) {
			guardrails.add(new GuardrailEffect("stale-data", desired, current, new Reason("guardrail.stale-data",
					"a policy's data is missing or stale: no scale-in", Map.of())));
			desired = current;
		}
		int min = Math.max(input.fleet().minSize(), nullToDefault(input.group().minCapacity(), 0));
		int max = Math.min(input.fleet().maxSize(), nullToDefault(input.group().maxCapacity(), Integer.MAX_VALUE));
		int bounded = Math.min(Math.max(desired, min), max);
		if (bounded != desired) {
			guardrails.add(new GuardrailEffect("bounds", desired, bounded, new Reason("guardrail.bounds",
					"clamped to bounds [" + min + ", " + max + "]", Map.of("min", min, "max", max))));
			desired = bounded;
		}
		Direction direction = (desired > current) ? Direction.OUT : (desired < current) ? Direction.IN : Direction.NONE;
		Reason summary = recommendations.isEmpty() ? new Reason("engine.no-policy", "no policy has an opinion", Map.of())
				: recommendations.getFirst().reasons().getFirst();
		return new Evaluation(input.now(), current, recommendations, combined, guardrails, desired, direction, summary);
	}

	private Recommendation targetTracking(TargetTrackingPolicy policy, EvaluationInput input) {
		MetricWindow window = input.windows().get(policy.metric());
		if (window == null || window.failed() || window.isStale(input.now())) {
			return new Recommendation(policy.name(), null, true, List.of(new Reason("target-tracking.data-unknown",
					"no fresh datapoint for the metric", Map.of())));
		}
		double value = window.latest().orElseThrow().value();
		long serving = Math.max(1, input.fleet().servingCount());
		double ratio = value / policy.targetValue();
		double tolerance = (policy.tolerance() != null) ? policy.tolerance() : DEFAULT_TOLERANCE;
		int current = input.fleet().desiredCapacity();
		int desired = (Math.abs(ratio - 1) <= tolerance) ? current : (int) Math.ceil(serving * ratio);
		if (policy.disableScaleIn() && desired < current) {
			desired = current;
		}
		return new Recommendation(policy.name(), desired, false, List.of(new Reason("target-tracking.ratio",
				"metric " + value + " against target " + policy.targetValue() + " on " + serving + " instances → "
						+ desired,
				Map.of("value", value, "target", policy.targetValue(), "instances", serving, "desired", desired))));
	}

	private static int nullToDefault(Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

}
