package io.capacitypilot.fleet;

/** Where a target stands in a target group, as DescribeTargetHealth reports it. */
public enum TargetState {

	INITIAL, HEALTHY, UNHEALTHY, UNUSED, DRAINING, UNAVAILABLE;

	/** Whether the load balancer may still send the target requests it has to finish. */
	public boolean registered() {
		return this != UNUSED && this != DRAINING;
	}

}
