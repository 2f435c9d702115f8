package io.capacitypilot.fleet;

import io.capacitypilot.engine.FleetState;

/**
 * The port to the machines a group runs on: an EC2 Auto Scaling Group through the AWS SDK, or the
 * in-process simulated fleet of the embedded default. Implementations must be idempotent: setting
 * the capacity a group already has is a no-op.
 */
public interface Fleet {

	/** Reads the group's actual state afresh. */
	FleetState describe(FleetTarget target);

	/** Sets the group's desired capacity; the caller has already clamped it to the bounds. */
	void setDesiredCapacity(FleetTarget target, int desiredCapacity);

}
