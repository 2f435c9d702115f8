package io.capacitypilot.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of the guardrail pipeline that follows the combination. Each guardrail sees the value
 * the previous one let through and either lets it pass or changes it, saying why.
 */
interface Guardrail {

	/** The guardrails in the order of the design brief, §3. */
	List<Guardrail> IN_ORDER = List.of(new StaleDataGuardrail(), new WarmUpGuardrail(), new StabilizationGuardrail(),
			new RateLimitGuardrail(), new CooldownGuardrail(), new BoundsGuardrail(), new FloorGuardrail(),
			new FleetBusyGuardrail(), new ModeGuardrail());

	/** The changed value with its reason, or empty when {@code value} passes unchanged. */
	Optional<GuardrailEffect> apply(int value, Cycle cycle);

	/** An effect whose reason code is {@code guardrail.<name>}; empty when nothing changed. */
	static Optional<GuardrailEffect> effect(String name, int before, int after, String message,
			Map<String, Object> figures) {
		if (before == after) {
			return Optional.empty();
		}
		return Optional.of(new GuardrailEffect(name, before, after, new Reason("guardrail." + name,
				name + ": " + before + " → " + after + ", " + message, figures)));
	}

}
