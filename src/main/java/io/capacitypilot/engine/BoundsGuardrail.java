package io.capacitypilot.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the capacity within the group's bounds, which tighten the ASG's own: the ASG's minimum and
 * maximum always hold, because Auto Scaling rejects a desired capacity outside them. An open
 * scheduled window's maximum replaces the group's, and a predictive policy with
 * {@code increase-max} may raise it.
 */
final class BoundsGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		FleetState fleet = cycle.fleet();
		GroupSettings group = cycle.input().group();
		Integer windowMax = largest(cycle, Opinion::ceiling);
		int max = (windowMax != null) ? windowMax : (group.maxCapacity() != null) ? group.maxCapacity() : fleet.maxSize();
		String maxSource = (windowMax != null) ? "scheduled window" : "group";
		Integer raisedMax = largest(cycle, Opinion::raisedMax);
		if (raisedMax != null && raisedMax > max) {
			max = raisedMax;
			maxSource = "forecast";
		}
		int min = clamp((group.minCapacity() != null) ? group.minCapacity() : fleet.minSize(), fleet);
		max = Math.max(min, clamp(max, fleet));
		int bounded = Math.max(min, Math.min(max, value));
		return Guardrail.effect("bounds", value, bounded, "capacity is bounded to [" + min + ", " + max + "]",
				Map.of("min", min, "max", max, "maxSource", maxSource, "asgMin", fleet.minSize(), "asgMax",
						fleet.maxSize()));
	}

	private static Integer largest(Cycle cycle, Function<Opinion, Integer> bound) {
		Integer largest = null;
		for (Opinion opinion : cycle.opinions()) {
			Integer value = bound.apply(opinion);
			if (value != null && (largest == null || value > largest)) {
				largest = value;
			}
		}
		return largest;
	}

	private static int clamp(int value, FleetState fleet) {
		return Math.max(fleet.minSize(), Math.min(fleet.maxSize(), value));
	}

}
