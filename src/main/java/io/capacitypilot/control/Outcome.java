package io.capacitypilot.control;

public enum Outcome {

	SUCCEEDED, FAILED, SKIPPED

}
