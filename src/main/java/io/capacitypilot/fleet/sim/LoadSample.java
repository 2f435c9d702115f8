package io.capacitypilot.fleet.sim;

import java.time.Instant;

/**
 * The load on a simulated group at one instant and what it had to serve it with.
 *
 * @param requestsPerSecond the offered load
 * @param servingInstances the instances in service
 * @param requestsPerInstance what one instance serves at 100 % CPU
 */
public record LoadSample(Instant at, double requestsPerSecond, int servingInstances, double requestsPerInstance) {

	/**
	 * CPU utilization in percent: the load over the serving capacity, saturated at 100 % (an
	 * overloaded fleet queues or drops what it cannot serve).
	 */
	public double cpuUtilization() {
		double capacity = this.servingInstances * this.requestsPerInstance;
		if (capacity <= 0) {
			return (this.requestsPerSecond > 0) ? 100 : 0;
		}
		return Math.min(100, 100 * this.requestsPerSecond / capacity);
	}

}
