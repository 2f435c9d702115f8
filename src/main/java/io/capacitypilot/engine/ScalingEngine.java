package io.capacitypilot.engine;

/** The engine's one entry point: a pure function of its input. */
public interface ScalingEngine {

	Evaluation evaluate(EvaluationInput input);

}
