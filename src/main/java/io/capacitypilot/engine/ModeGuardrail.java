package io.capacitypilot.engine;

import java.util.Map;
import java.util.Optional;

/**
 * A paused group keeps its capacity. A dry-run group is decided as an active one: the control loop,
 * not the engine, leaves its fleet alone, so its decisions show what would have happened.
 */
final class ModeGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		if (cycle.input().group().mode() != Mode.PAUSED) {
			return Optional.empty();
		}
		return Guardrail.effect("mode", value, cycle.current(), "the group is paused", Map.of("mode", "paused"));
	}

}
