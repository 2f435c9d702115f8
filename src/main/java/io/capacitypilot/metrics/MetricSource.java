package io.capacitypilot.metrics;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;

/**
 * The port to where load signals live. One call answers every request due in a tick, across all
 * groups, so that adapters can batch (CloudWatch takes up to 500 queries a call).
 */
public interface MetricSource {

	/** Whether this source answers queries of this kind. */
	boolean supports(MetricQuery query);

	/**
	 * Answers each request. A request the source could not answer gets a failed window, never a
	 * window of zeros; the map has one entry per distinct query.
	 */
	Map<MetricQuery, MetricWindow> fetch(Collection<MetricRequest> requests, Instant now);

}
