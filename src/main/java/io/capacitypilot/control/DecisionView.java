package io.capacitypilot.control;

import java.time.Instant;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A decision as the API and the live feed show it: enums in lower-kebab case, the explanation as
 * structured JSON rather than a string.
 */
public record DecisionView(long id, String groupName, Instant evaluatedAt, String mode, int currentCapacity,
		int servingCapacity, Integer combinedRecommendation, int desiredCapacity, String direction, String action,
		String outcome, String error, String summary, JsonNode detail) {

	public static DecisionView of(Decision decision, JsonMapper json) {
		return new DecisionView(decision.id(), decision.groupName(), decision.evaluatedAt(), kebab(decision.mode()),
				decision.currentCapacity(), decision.servingCapacity(), decision.combinedRecommendation(),
				decision.desiredCapacity(), kebab(decision.direction()), kebab(decision.action()),
				kebab(decision.outcome()), decision.error(), decision.summary(), json.readTree(decision.detail()));
	}

	private static String kebab(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
