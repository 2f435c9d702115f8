package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Stabilization windows with the HPA's semantics: a scale-out goes no higher than the lowest
 * recommendation of the scale-out window, a scale-in no lower than the highest of the scale-in
 * window, so a short dip or spike does not move the group.
 */
final class StabilizationGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		Duration outWindow = cycle.behavior().scaleOut().stabilizationWindow();
		Duration inWindow = cycle.behavior().scaleIn().stabilizationWindow();
		int lowestOut = value;
		int highestIn = value;
		Instant now = cycle.now();
		Instant outCutoff = now.minus(outWindow);
		Instant inCutoff = now.minus(inWindow);
		for (History.PastRecommendation past : cycle.history().recommendations()) {
			if (past.at().isAfter(now)) {
				continue;
			}
			if (past.at().isAfter(outCutoff)) {
				lowestOut = Math.min(lowestOut, past.desired());
			}
			if (past.at().isAfter(inCutoff)) {
				highestIn = Math.max(highestIn, past.desired());
			}
		}
		int stabilized = cycle.current();
		if (stabilized < lowestOut) {
			stabilized = lowestOut;
		}
		if (stabilized > highestIn) {
			stabilized = highestIn;
		}
		Duration window = (value > cycle.current()) ? outWindow : inWindow;
		String bound = (value > cycle.current()) ? "lowest" : "highest";
		return Guardrail.effect("stabilization", value, stabilized, "the " + bound + " recommendation of the last "
				+ window.toSeconds() + " s", Map.of("windowSeconds", window.toSeconds(), "stabilized", stabilized));
	}

}
