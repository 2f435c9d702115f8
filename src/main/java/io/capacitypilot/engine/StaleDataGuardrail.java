package io.capacitypilot.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Never scale in on missing, failed or stale data: a policy that cannot see its metric may be the
 * one that would have objected.
 */
final class StaleDataGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		if (value >= cycle.current()) {
			return Optional.empty();
		}
		List<String> unknown = cycle.opinions()
			.stream()
			.filter((opinion) -> opinion.recommendation().dataUnknown())
			.map((opinion) -> opinion.policy().name())
			.toList();
		if (unknown.isEmpty()) {
			return Optional.empty();
		}
		return Guardrail.effect("stale-data", value, cycle.current(),
				"no scale-in while the data of " + String.join(", ", unknown) + " is unknown",
				Map.of("policies", unknown));
	}

}
