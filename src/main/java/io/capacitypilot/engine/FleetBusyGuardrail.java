package io.capacitypilot.engine;

import java.util.Map;
import java.util.Optional;

/** No change while the ASG runs an instance refresh or another scaling activity: it would fight it. */
final class FleetBusyGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		if (!cycle.fleet().busy()) {
			return Optional.empty();
		}
		return Guardrail.effect("fleet-busy", value, cycle.current(),
				"the Auto Scaling Group is busy with an instance refresh or another activity", Map.of());
	}

}
