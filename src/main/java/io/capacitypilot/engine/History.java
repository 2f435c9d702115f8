package io.capacitypilot.engine;

import java.time.Instant;
import java.util.List;

/**
 * What the engine needs to remember between cycles, passed in so that it stays pure.
 *
 * @param recommendations the combined recommendations of earlier cycles (for stabilization windows)
 * @param actions capacity changes made to the group, by this service or by someone else (for
 * cooldowns and rate limits)
 */
public record History(List<PastRecommendation> recommendations, List<PastAction> actions) {

	public static final History EMPTY = new History(List.of(), List.of());

	public History {
		recommendations = List.copyOf(recommendations);
		actions = List.copyOf(actions);
	}

	public record PastRecommendation(Instant at, int desired) {
	}

	public record PastAction(Instant at, int from, int to) {
	}

}
