package io.capacitypilot.engine;

/** Figures as people read them in reasons: at most three decimals, no trailing zeros. */
final class Numbers {

	/** Products such as 10 × 0.7 / 0.7 come out as 10.000000000000002, which must not round up to 11. */
	private static final double EPSILON = 1e-9;

	private Numbers() {
	}

	static String format(double value) {
		double rounded = Math.round(value * 1000) / 1000.0;
		return (rounded == Math.rint(rounded)) ? Long.toString((long) rounded) : Double.toString(rounded);
	}

	static int ceil(double value) {
		return (int) Math.ceil(value - EPSILON);
	}

}
