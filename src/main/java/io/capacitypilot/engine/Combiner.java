package io.capacitypilot.engine;

import java.util.List;
import java.util.Map;

/**
 * Combines the policies' recommendations as EC2 Auto Scaling combines several policies: scale out
 * if any policy wants more (the largest wins), scale in only if every policy with an opinion wants
 * less (the smallest reduction wins). Both come down to the largest recommendation. Unknown data
 * is not an opinion here; the stale-data guardrail keeps it from letting a scale-in through.
 */
final class Combiner {

	private Combiner() {
	}

	/**
	 * @param value the combined capacity, or {@code null} when no policy has an opinion
	 * @param winner the opinion that won, or {@code null}
	 */
	record Combined(Integer value, Opinion winner, Reason reason) {
	}

	static Combined combine(List<Opinion> opinions, int current) {
		Opinion winner = null;
		int count = 0;
		boolean anyMayScaleIn = false;
		for (Opinion opinion : opinions) {
			if (opinion.hasOpinion()) {
				count++;
				anyMayScaleIn |= !opinion.scaleOutOnly();
				if (winner == null || opinion.desired() > winner.desired()) {
					winner = opinion;
				}
			}
		}
		if (winner == null) {
			List<String> unknown = opinions.stream()
				.filter((opinion) -> opinion.recommendation().dataUnknown())
				.map((opinion) -> opinion.policy().name())
				.toList();
			String why = unknown.isEmpty() ? "no policy has an opinion"
					: "no policy has an opinion: the data of " + String.join(", ", unknown)
							+ " is missing or stale, and unknown data never scales in";
			return new Combined(null, null, new Reason("combine.no-opinion", why + "; keep " + current,
					Map.of("current", current, "dataUnknown", unknown)));
		}
		int desired = winner.desired();
		String name = winner.policy().name();
		Map<String, Object> figures = Map.of("policy", name, "desired", desired, "current", current, "opinions",
				count);
		if (desired > current) {
			return new Combined(desired, winner, new Reason("combine.scale-out",
					name + " wants " + desired + ", the most of " + count + " opinion(s)", figures));
		}
		if (desired == current) {
			return new Combined(desired, winner,
					new Reason("combine.hold", name + " wants to keep " + current, figures));
		}
		if (!anyMayScaleIn) {
			return new Combined(null, null, new Reason("combine.scale-out-only",
					"only scale-out-only policies have an opinion and they want less; keep " + current, figures));
		}
		return new Combined(desired, winner, new Reason("combine.scale-in", "all " + count
				+ " opinion(s) want less; the smallest reduction wins: " + name + " wants " + desired, figures));
	}

}
