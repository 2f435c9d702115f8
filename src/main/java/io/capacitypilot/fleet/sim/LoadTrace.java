package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A recorded load: request rates sampled at increasing timestamps, each holding until the next
 * (piecewise constant). A sample may be missing (the source had no data for it); it keeps its place
 * so that time stays regular.
 */
public final class LoadTrace {

	private final long[] seconds;

	private final double[] rates;

	private final boolean[] valid;

	LoadTrace(long[] seconds, double[] rates, boolean[] valid) {
		if (seconds.length == 0) {
			throw new IllegalArgumentException("a trace needs at least one sample");
		}
		this.seconds = seconds;
		this.rates = rates;
		this.valid = valid;
	}

	/** A regular trace; a {@code NaN} rate is a missing sample. */
	public static LoadTrace of(Instant start, Duration step, double... requestsPerSecond) {
		long[] seconds = new long[requestsPerSecond.length];
		boolean[] valid = new boolean[requestsPerSecond.length];
		double[] rates = new double[requestsPerSecond.length];
		for (int i = 0; i < seconds.length; i++) {
			seconds[i] = start.getEpochSecond() + i * step.toSeconds();
			valid[i] = !Double.isNaN(requestsPerSecond[i]);
			rates[i] = valid[i] ? requestsPerSecond[i] : 0;
		}
		return new LoadTrace(seconds, rates, valid);
	}

	public int size() {
		return this.seconds.length;
	}

	public Instant timestamp(int index) {
		return Instant.ofEpochSecond(this.seconds[index]);
	}

	/** The request rate of a sample, or {@code NaN} if the sample is missing. */
	public double rate(int index) {
		return this.valid[index] ? this.rates[index] : Double.NaN;
	}

	public boolean valid(int index) {
		return this.valid[index];
	}

	public Instant start() {
		return timestamp(0);
	}

	/** The length of one sample, taken from the first two (a one-sample trace lasts a minute). */
	public Duration step() {
		return Duration.ofSeconds((size() > 1) ? this.seconds[1] - this.seconds[0] : 60);
	}

	/** When the last sample ends. */
	public Instant end() {
		return timestamp(size() - 1).plus(step());
	}

	/**
	 * The rate in force at an instant: the newest valid sample at or before it (a gap in the record is
	 * not a gap in the load), the first valid sample before the trace starts.
	 */
	public double rateAt(Instant at) {
		int index = Math.max(0, indexAt(at));
		for (int i = index; i >= 0; i--) {
			if (this.valid[i]) {
				return this.rates[i];
			}
		}
		for (int i = index + 1; i < size(); i++) {
			if (this.valid[i]) {
				return this.rates[i];
			}
		}
		return 0;
	}

	/**
	 * The index of the sample in force at an instant: the newest at or before it, or {@code -1}
	 * before the trace starts.
	 */
	public int indexAt(Instant at) {
		int index = Arrays.binarySearch(this.seconds, at.getEpochSecond());
		return (index >= 0) ? index : -index - 2;
	}

	/**
	 * This trace with its time stretched by {@code timeFactor} from its start (0.5 plays it twice as
	 * fast) and every rate multiplied by {@code loadFactor}.
	 */
	public LoadTrace scaled(double timeFactor, double loadFactor) {
		if (timeFactor <= 0 || loadFactor < 0) {
			throw new IllegalArgumentException("the time factor must be positive and the load factor not negative");
		}
		long[] scaledSeconds = new long[size()];
		double[] scaledRates = new double[size()];
		for (int i = 0; i < size(); i++) {
			scaledSeconds[i] = this.seconds[0] + Math.round((this.seconds[i] - this.seconds[0]) * timeFactor);
			scaledRates[i] = this.rates[i] * loadFactor;
		}
		return new LoadTrace(scaledSeconds, scaledRates, this.valid.clone());
	}

	/** The samples from {@code from} (inclusive) to {@code to} (exclusive), as a trace of their own. */
	public LoadTrace between(Instant from, Instant to) {
		int first = Math.max(0, insertionPoint(from.getEpochSecond()));
		int last = insertionPoint(to.getEpochSecond());
		if (first >= last) {
			throw new IllegalArgumentException("the trace has no sample between " + from + " and " + to);
		}
		return new LoadTrace(Arrays.copyOfRange(this.seconds, first, last), Arrays.copyOfRange(this.rates, first, last),
				Arrays.copyOfRange(this.valid, first, last));
	}

	private int insertionPoint(long second) {
		int index = Arrays.binarySearch(this.seconds, second);
		return (index >= 0) ? index : -index - 1;
	}

}
