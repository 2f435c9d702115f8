package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * No scale-in while instances are warming up: the metric does not yet show the capacity they add,
 * so a scale-in decided now would be decided on the wrong figures. The longest warm-up of the
 * group's policies applies.
 */
final class WarmUpGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		if (value >= cycle.current()) {
			return Optional.empty();
		}
		Duration warmup = longestWarmUp(cycle);
		int warming = WarmUp.warmingCount(cycle.fleet(), warmup, cycle.now());
		if (warming == 0) {
			return Optional.empty();
		}
		return Guardrail.effect("warm-up", value, cycle.current(),
				"no scale-in while " + warming + " instance(s) are within their " + warmup.toSeconds() + " s warm-up",
				Map.of("warming", warming, "warmupSeconds", warmup.toSeconds()));
	}

	private static Duration longestWarmUp(Cycle cycle) {
		Duration longest = Duration.ZERO;
		for (Opinion opinion : cycle.opinions()) {
			Duration warmup = switch (opinion.policy()) {
				case TargetTrackingPolicy policy -> WarmUp.of(policy.instanceWarmup());
				case StepScalingPolicy policy -> WarmUp.of(policy.instanceWarmup());
				default -> null;
			};
			if (warmup != null && warmup.compareTo(longest) > 0) {
				longest = warmup;
			}
		}
		return longest;
	}

}
