package io.capacitypilot.metrics.scrape;

import java.util.Map;

/**
 * One line of a Prometheus text exposition: a series and its value.
 *
 * @param cumulative the value only ever grows (a counter, or the {@code _count}, {@code _sum} or
 * {@code _bucket} of a summary or histogram), so its rate is what means something
 */
record Sample(String name, Map<String, String> labels, double value, boolean cumulative) {

	Sample {
		labels = Map.copyOf(labels);
	}

	/** Whether this sample is the named metric and carries every one of the given labels. */
	boolean matches(String metricName, Map<String, String> required) {
		return this.name.equals(metricName) && this.labels.entrySet().containsAll(required.entrySet());
	}

}
