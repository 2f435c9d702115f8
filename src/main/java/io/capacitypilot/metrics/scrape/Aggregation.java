package io.capacitypilot.metrics.scrape;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the values of a group's instances become one: {@code avg}, {@code sum}, {@code max},
 * {@code min}, or a percentile {@code pNN} ({@code p50}, {@code p90}, {@code p99.9}) with linear
 * interpolation between the closest ranks.
 */
sealed interface Aggregation permits Aggregation.Basic, Aggregation.Percentile {

	/** Aggregates the values of the instances that answered; there is at least one. */
	double of(double[] values);

	/**
	 * Whether instances that did not answer make the result unknown. A sum without some of its
	 * terms is too small, and a too-small load is exactly what would shrink the group.
	 */
	default boolean needsEveryInstance() {
		return false;
	}

	static Aggregation parse(String name) {
		Matcher percentile = Percentile.PATTERN.matcher(name);
		if (percentile.matches()) {
			return new Percentile(Double.parseDouble(percentile.group(1)));
		}
		try {
			return Basic.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"unknown aggregation '" + name + "': use avg, sum, max, min or a percentile such as p90");
		}
	}

	enum Basic implements Aggregation {

		AVG, SUM, MAX, MIN;

		@Override
		public double of(double[] values) {
			return switch (this) {
				case AVG -> Arrays.stream(values).average().orElseThrow();
				case SUM -> Arrays.stream(values).sum();
				case MAX -> Arrays.stream(values).max().orElseThrow();
				case MIN -> Arrays.stream(values).min().orElseThrow();
			};
		}

		@Override
		public boolean needsEveryInstance() {
			return this == SUM;
		}

	}

	record Percentile(double percent) implements Aggregation {

		static final Pattern PATTERN = Pattern.compile("p(100|\\d{1,2}(?:\\.\\d+)?)");

		@Override
		public double of(double[] values) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			double rank = this.percent / 100 * (sorted.length - 1);
			int below = (int) Math.floor(rank);
			int above = (int) Math.ceil(rank);
			return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
		}

	}

}
