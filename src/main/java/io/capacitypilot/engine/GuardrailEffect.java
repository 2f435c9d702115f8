package io.capacitypilot.engine;

/** A guardrail that changed the combined recommendation: both values are kept, with the reason. */
public record GuardrailEffect(String guardrail, int before, int after, Reason reason) {
}
