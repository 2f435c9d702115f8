package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * No change in a direction for the cooldown after the last change in that direction, whoever made
 * it: the history holds external changes too, so a manual scale-out also starts the cooldown.
 */
final class CooldownGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		Direction direction = cycle.directionTo(value);
		if (direction == Direction.NONE) {
			return Optional.empty();
		}
		Duration cooldown = cycle.behavior().rules(direction).cooldown();
		if (cooldown.isZero()) {
			return Optional.empty();
		}
		Instant last = null;
		for (History.PastAction action : cycle.history().actions()) {
			boolean sameDirection = (direction == Direction.OUT) ? action.to() > action.from()
					: action.to() < action.from();
			if (sameDirection && !action.at().isAfter(cycle.now()) && (last == null || action.at().isAfter(last))) {
				last = action.at();
			}
		}
		if (last == null || !last.plus(cooldown).isAfter(cycle.now())) {
			return Optional.empty();
		}
		long remaining = Duration.between(cycle.now(), last.plus(cooldown)).toSeconds();
		return Guardrail.effect("cooldown", value, cycle.current(),
				"the last scale-" + ((direction == Direction.OUT) ? "out" : "in") + " was at " + last + "; "
						+ remaining + " s of the " + cooldown.toSeconds() + " s cooldown remain",
				Map.of("cooldownSeconds", cooldown.toSeconds(), "remainingSeconds", remaining, "lastChange",
						last.toString()));
	}

}
