package io.capacitypilot.engine;

import java.util.Map;

/**
 * Why something was recommended or changed: a stable {@code code} for machines (for example
 * {@code target-tracking.ratio} or {@code guardrail.stale-data}), the numbers involved, and one line
 * for people.
 */
public record Reason(String code, String message, Map<String, Object> figures) {

	public Reason {
		figures = (figures != null) ? Map.copyOf(figures) : Map.of();
	}

}
