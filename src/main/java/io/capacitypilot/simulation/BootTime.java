package io.capacitypilot.simulation;

import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * How long an instance takes from launch to healthy: fixed, or drawn uniformly between two bounds
 * from a seeded generator, so that a replay is repeatable.
 */
public record BootTime(Duration shortest, Duration longest) {

	public BootTime {
		if (shortest.isNegative() || longest.compareTo(shortest) < 0) {
			throw new IllegalArgumentException("need 0 <= shortest <= longest boot time");
		}
	}

	public static BootTime fixed(Duration bootTime) {
		return new BootTime(bootTime, bootTime);
	}

	/** One boot time per call, the same sequence for the same seed. */
	public Supplier<Duration> sampler(long seed) {
		if (this.shortest.equals(this.longest)) {
			return () -> this.shortest;
		}
		Random random = new Random(seed);
		long spread = this.longest.toMillis() - this.shortest.toMillis();
		return () -> this.shortest.plusMillis((long) (random.nextDouble() * (spread + 1)));
	}

	@Override
	public String toString() {
		return this.shortest.equals(this.longest) ? this.shortest.toSeconds() + " s"
				: this.shortest.toSeconds() + "–" + this.longest.toSeconds() + " s (uniform)";
	}

}
