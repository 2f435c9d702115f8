package io.capacitypilot.engine;

public enum Direction {

	OUT, IN, NONE

}
