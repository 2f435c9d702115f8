package io.capacitypilot.control;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.capacitypilot.actuation.ActuationStep;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A decision as the API and the live feed show it: enums in lower-kebab case, the explanation as
 * structured JSON rather than a string, and for a scale-in the steps that removed its victims.
 */
public record DecisionView(long id, String groupName, Instant evaluatedAt, String replica, String mode,
		int currentCapacity, int servingCapacity, Integer combinedRecommendation, int desiredCapacity, String direction,
		String action, String outcome, String error, String summary, JsonNode detail, List<Step> steps) {

	public static DecisionView of(Decision decision, JsonMapper json) {
		return of(decision, List.of(), json);
	}

	/** A decision with the steps of its scale-in, each with the states it went through in order. */
	public static DecisionView of(Decision decision, List<ActuationStep> steps, JsonMapper json) {
		return new DecisionView(decision.id(), decision.groupName(), decision.evaluatedAt(), decision.replica(),
				kebab(decision.mode()), decision.currentCapacity(), decision.servingCapacity(),
				decision.combinedRecommendation(), decision.desiredCapacity(), kebab(decision.direction()),
				kebab(decision.action()), kebab(decision.outcome()), decision.error(), decision.summary(),
				json.readTree(decision.detail()),
				steps.isEmpty() ? null : steps.stream().map(Step::of).toList());
	}

	/** The removal of one victim. */
	public record Step(String instanceId, String state, int failedAttempts, String error, List<Transition> history) {

		static Step of(ActuationStep step) {
			return new Step(step.instanceId(), kebab(step.state()), step.attempts(), step.error(),
					step.history().stream().map((t) -> new Transition(kebab(t.state()), t.at(), t.note())).toList());
		}

	}

	public record Transition(String state, Instant at, String note) {
	}

	private static String kebab(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
