package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.GuardrailEffect;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Reason;
import io.capacitypilot.engine.Recommendation;

/**
 * The full explanation stored with a decision: the inputs that mattered and every step from the
 * policies' recommendations to the capacity set.
 */
record DecisionDetail(List<MetricUsed> metrics, List<Recommendation> recommendations,
		List<GuardrailEffect> guardrails, Reason summary, List<Reason> notes) {

	/** The newest datapoints of one window, how old they were, and whether the source failed. */
	record MetricUsed(String source, MetricQuery query, List<Datapoint> datapoints, Instant fetchedAt, Long ageSeconds,
			boolean stale, String error) {

		private static final int SHOWN = 5;

		static MetricUsed of(MetricWindow window, Instant now) {
			List<Datapoint> points = window.datapoints();
			List<Datapoint> newest = points.subList(Math.max(0, points.size() - SHOWN), points.size());
			Long age = window.latest().map((latest) -> Duration.between(latest.timestamp(), now).toSeconds()).orElse(null);
			return new MetricUsed(sourceOf(window.query()), window.query(), newest, window.fetchedAt(), age,
					window.isStale(now), window.error());
		}

		private static String sourceOf(MetricQuery query) {
			return switch (query) {
				case io.capacitypilot.engine.CloudWatchQuery cloudWatch -> "cloudwatch";
				case io.capacitypilot.engine.PrometheusQuery prometheus -> "prometheus";
				case io.capacitypilot.engine.ScrapeQuery scrape -> "scrape";
			};
		}

	}

}
