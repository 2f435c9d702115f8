package io.capacitypilot.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Keeps the capacity within the group's bounds, which tighten the ASG's own: the ASG's minimum and
 * maximum always hold, because Auto Scaling rejects a desired capacity outside them. A scheduled
 * window's maximum replaces the group's while it is active, and a predictive policy with
 * {@code increase-max} may raise it.
 */
final class BoundsGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		FleetState fleet = cycle.fleet();
		GroupSettings group = cycle.input().group();
		String maxSource = "group";
		Integer groupMax = group.maxCapacity();
		for (Opinion opinion : cycle.opinions()) {
			if (opinion.ceiling() != null && (maxSource.equals("group") || opinion.ceiling() > groupMax)) {
				groupMax = opinion.ceiling();
				maxSource = opinion.policy().name();
			}
		}
		for (Opinion opinion : cycle.opinions()) {
			if (opinion.raisedMax() != null && opinion.raisedMax() > ((groupMax != null) ? groupMax : 0)) {
				groupMax = opinion.raisedMax();
				maxSource = opinion.policy().name();
			}
		}
		int min = clamp((group.minCapacity() != null) ? group.minCapacity() : fleet.minSize(), fleet);
		int max = Math.max(min, clamp((groupMax != null) ? groupMax : fleet.maxSize(), fleet));
		int bounded = Math.max(min, Math.min(max, value));
		return Guardrail.effect("bounds", value, bounded, "capacity is bounded to [" + min + ", " + max + "]",
				Map.of("min", min, "max", max, "maxSource", maxSource, "asgMin", fleet.minSize(), "asgMax",
						fleet.maxSize()));
	}

	private static int clamp(int value, FleetState fleet) {
		return Math.max(fleet.minSize(), Math.min(fleet.maxSize(), value));
	}

}
