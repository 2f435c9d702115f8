package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When in its interval a group is evaluated. Each group has a phase of its own, an offset into its
 * interval taken from a hash of its name, and its slots are the instants that offset past every
 * multiple of the interval since the epoch. Without it, groups registered together (by a script, a
 * Helm hook, a restore) fall due in the same ticks interval after interval: 1,000 groups registered
 * within seconds came due about 200 at a time, and the live feed delivered those bursts seconds late.
 * By their names the same groups spread about evenly over the interval, and alike on every replica,
 * so that a new leader keeps the groups where the former one had them.
 */
public final class EvaluationSlots {

	private EvaluationSlots() {
	}

	/** The first of the group's slots strictly after {@code time}: at most one interval later. */
	public static Instant after(String groupName, Duration interval, Instant time) {
		long period = Math.max(1, interval.toMillis());
		long offset = offset(groupName, period);
		// Whole milliseconds: a slot is on the millisecond, so the floor of time is enough to be after it.
		long previous = Math.floorDiv(time.toEpochMilli() - offset, period) * period + offset;
		return Instant.ofEpochMilli(previous + period);
	}

	/** The group's offset into its interval, in milliseconds. */
	static long offset(String groupName, long periodMillis) {
		return Math.floorMod(mix(groupName.hashCode()), periodMillis);
	}

	/**
	 * SplitMix64's finalizer. Names that differ only in their last characters ({@code load-00001},
	 * {@code load-00002}) have string hashes a few units apart, which would put the groups a few
	 * milliseconds apart; mixed, every bit of the hash moves the offset anywhere in the interval.
	 * {@link String#hashCode()} is specified, so every replica and every version agrees on it.
	 */
	private static long mix(long value) {
		long z = value * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
