package io.capacitypilot.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine as brief §3 draws it: each policy recommends, the recommendations combine, and the
 * guardrails run in their fixed order over the combined value, each one that changes it saying why.
 * Stateless and thread-safe; everything it knows is in the input.
 */
public class DefaultScalingEngine implements ScalingEngine {

	@Override
	public Evaluation evaluate(EvaluationInput input) {
		int current = input.fleet().desiredCapacity();
		List<Opinion> opinions = new ArrayList<>(input.policies().size());
		for (Policy policy : input.policies()) {
			opinions.add(opinionOf(policy, input));
		}
		Combiner.Combined combined = Combiner.combine(opinions, current);
		Policy winner = (combined.winner() != null) ? combined.winner().policy() : null;
		Cycle cycle = new Cycle(input, current, opinions, Behavior.effective(input.group(), winner));
		int value = (combined.value() != null) ? combined.value() : current;
		List<GuardrailEffect> effects = new ArrayList<>();
		for (Guardrail guardrail : Guardrail.IN_ORDER) {
			Optional<GuardrailEffect> effect = guardrail.apply(value, cycle);
			if (effect.isPresent()) {
				effects.add(effect.get());
				value = effect.get().after();
			}
		}
		List<Recommendation> recommendations = opinions.stream().map(Opinion::recommendation).toList();
		return new Evaluation(input.now(), current, recommendations, combined.value(), effects, value,
				cycle.directionTo(value), Summary.of(current, combined, effects, value), forecastsOf(opinions));
	}

	/** The predictive policies' forecasts, by policy name (most groups have none: no map is made). */
	private static Map<String, Forecaster.Model> forecastsOf(List<Opinion> opinions) {
		Map<String, Forecaster.Model> forecasts = null;
		for (Opinion opinion : opinions) {
			if (opinion.forecast() != null) {
				forecasts = (forecasts != null) ? forecasts : new HashMap<>();
				forecasts.put(opinion.policy().name(), opinion.forecast());
			}
		}
		return (forecasts != null) ? forecasts : Map.of();
	}

	private static Opinion opinionOf(Policy policy, EvaluationInput input) {
		return switch (policy) {
			case TargetTrackingPolicy targetTracking -> TargetTracking.evaluate(targetTracking, input);
			case StepScalingPolicy step -> StepScaling.evaluate(step, input);
			case ScheduledPolicy scheduled -> Schedules.evaluate(scheduled, input);
			case PredictivePolicy predictive -> Predictive.evaluate(predictive, input);
		};
	}

}
