package io.capacitypilot.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one evaluation of a group: every policy's recommendation, how they combined, every
 * guardrail that changed the result, and the capacity to set.
 *
 * @param current the desired capacity the fleet had
 * @param combined the combined recommendation before guardrails, or {@code null} if no policy had an
 * opinion
 * @param desired the capacity to set after every guardrail
 * @param summary one reason that explains the outcome as a whole
 * @param forecasts the forecast models the predictive policies used, by policy name: to pass to the
 * group's next evaluation ({@link EvaluationInput#forecasts()})
 */
public record Evaluation(Instant at, int current, List<Recommendation> recommendations, Integer combined,
		List<GuardrailEffect> guardrails, int desired, Direction direction, Reason summary,
		Map<String, Forecaster.Model> forecasts) {

	public Evaluation {
		recommendations = List.copyOf(recommendations);
		guardrails = List.copyOf(guardrails);
		forecasts = Map.copyOf(forecasts);
	}

}
