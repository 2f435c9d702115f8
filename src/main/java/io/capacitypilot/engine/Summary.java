package io.capacitypilot.engine;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one line that explains an evaluation: what happens, which policy asked, what changed it. */
final class Summary {

	private Summary() {
	}

	static Reason of(int current, Combiner.Combined combined, List<GuardrailEffect> effects, int desired) {
		String code;
		String head;
		if (desired > current) {
			code = "summary.scale-out";
			head = "scale out " + current + " → " + desired;
		}
		else if (desired < current) {
			code = "summary.scale-in";
			head = "scale in " + current + " → " + desired;
		}
		else {
			code = "summary.hold";
			head = "keep " + current;
		}
		String message = head + ": " + combined.reason().message();
		if (!effects.isEmpty()) {
			message += "; changed by " + effects.stream()
				.map((effect) -> effect.guardrail() + " (" + effect.before() + " → " + effect.after() + ")")
				.collect(Collectors.joining(", "));
		}
		List<String> guardrails = effects.stream().map(GuardrailEffect::guardrail).toList();
		return new Reason(code, message, Map.of("current", current, "desired", desired, "combination",
				combined.reason().code(), "guardrails", guardrails));
	}

}
