package io.capacitypilot.metrics.scrape;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns cumulative samples into per-second rates between two scrapes of the same instance, as
 * PromQL's {@code rate()} would: a value lower than the previous one means the counter was reset
 * (the process restarted) and counts from zero. The first scrape of an instance has no rate yet.
 */
class CounterRates {

	// An instance not scraped for this long is gone (scaled in, replaced); forget it.
	private static final Duration FORGET_AFTER = Duration.ofHours(1);

	private final Map<URI, Snapshot> previous = new ConcurrentHashMap<>();

	/**
	 * Returns the samples of one scrape with every cumulative value replaced by its rate per second
	 * since the previous scrape; cumulative samples without a previous value are left out.
	 */
	List<Sample> rates(URI instance, List<Sample> samples, Instant at) {
		Map<Series, Double> values = new HashMap<>();
		samples.stream().filter(Sample::cumulative).forEach((sample) -> values.put(Series.of(sample), sample.value()));
		Snapshot before = this.previous.put(instance, new Snapshot(at, values));
		List<Sample> rated = new ArrayList<>();
		for (Sample sample : samples) {
			if (!sample.cumulative()) {
				rated.add(sample);
				continue;
			}
			Double last = (before != null) ? before.values().get(Series.of(sample)) : null;
			double seconds = (before != null) ? Duration.between(before.at(), at).toMillis() / 1000.0 : 0;
			if (last != null && seconds > 0) {
				double increase = (sample.value() >= last) ? sample.value() - last : sample.value();
				rated.add(new Sample(sample.name(), sample.labels(), increase / seconds, false));
			}
		}
		return rated;
	}

	/** Forgets instances that have not been scraped for a long time. */
	void forgetOlderThan(Instant now) {
		Instant cutoff = now.minus(FORGET_AFTER);
		this.previous.values().removeIf((snapshot) -> snapshot.at().isBefore(cutoff));
	}

	private record Series(String name, Map<String, String> labels) {

		static Series of(Sample sample) {
			return new Series(sample.name(), sample.labels());
		}

	}

	private record Snapshot(Instant at, Map<Series, Double> values) {
	}

}
