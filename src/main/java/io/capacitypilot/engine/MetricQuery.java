package io.capacitypilot.engine;

import java.time.Duration;

/**
 * What a policy measures. The engine treats a query as an opaque key into the metric windows it is
 * given; the metric sources know how to answer each kind. Equal queries are fetched once per tick,
 * however many policies share them.
 */
public sealed interface MetricQuery permits CloudWatchQuery, PrometheusQuery, ScrapeQuery {

	/** The length of one datapoint; data older than three periods is stale. */
	Duration period();

}
