package io.capacitypilot.simulation;

import java.time.Instant;
import java.util.List;

/**
 * One policy's replay: its score and, when asked for, how demand, supply and its decisions moved.
 *
 * @param series points at the requested resolution, oldest first; empty when none was asked for
 */
public record ReplayResult(String policy, ElasticityMetrics metrics, List<Point> series) {

	public ReplayResult {
		series = List.copyOf(series);
	}

	/**
	 * The replay at one instant.
	 *
	 * @param load offered requests/s, {@code null} where the trace has no data
	 * @param demand instances needed, {@code null} where unknown
	 * @param supply instances in service
	 * @param desired the desired capacity the policy had set
	 * @param billed instances paid for
	 */
	public record Point(Instant at, Double load, Integer demand, int supply, int desired, int billed) {

		static Point of(Instant at, double load, int demand, int supply, int desired, int billed) {
			return new Point(at, Double.isNaN(load) ? null : load, (demand < 0) ? null : demand, supply, desired,
					billed);
		}

	}

}
