package io.capacitypilot.metrics;

import java.time.Instant;
import java.util.Map;

import io.capacitypilot.engine.ScrapeQuery;

/**
 * The load of each instance of a group, as a source that reads the instances one by one saw it
 * before it aggregated them: what {@code least-loaded} scale-in chooses its victims by.
 */
@FunctionalInterface
public interface InstanceLoads {

	/** Knows no instance's load: the scrape source is off. */
	InstanceLoads NONE = (query, now) -> Map.of();

	/**
	 * The latest value of the query on each instance that gave one, by EC2 instance id; empty when
	 * the query was not read recently enough to say anything about the instances now.
	 */
	Map<String, Double> latest(ScrapeQuery query, Instant now);

}
