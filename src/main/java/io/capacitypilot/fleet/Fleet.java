package io.capacitypilot.fleet;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.FleetState;

/**
 * The port to the machines a group runs on: an EC2 Auto Scaling Group through the AWS SDK, or the
 * in-process simulated fleet of the embedded default, and the load balancer target groups they
 * serve in. Implementations must be idempotent: setting the capacity a group already has, or
 * registering a registered target, is a no-op.
 */
public interface Fleet {

	/** Reads the group's actual state afresh. */
	FleetState describe(FleetTarget target);

	/** Sets the group's desired capacity; the caller has already clamped it to the bounds. */
	void setDesiredCapacity(FleetTarget target, int desiredCapacity);

	/**
	 * Terminates one instance of the group and lowers its desired capacity by one, so that nothing
	 * replaces it. Scale-in protection does not stop this call: the caller must not choose a
	 * protected instance.
	 */
	void terminate(FleetTarget target, String instanceId);

	/** Registers instances as targets of a target group in the group's region. */
	void register(FleetTarget target, TargetGroup targetGroup, Collection<String> instanceIds);

	/** Deregisters instances from a target group; they drain for its deregistration delay. */
	void deregister(FleetTarget target, TargetGroup targetGroup, Collection<String> instanceIds);

	/** The state of every target of a target group, by instance id; an unknown instance is absent. */
	Map<String, TargetState> targetHealth(FleetTarget target, TargetGroup targetGroup);

	/** How long the target group lets a deregistered target drain. */
	Duration deregistrationDelay(FleetTarget target, TargetGroup targetGroup);

	/**
	 * The names of the group's own scaling policies: a second controller of the same capacity, which
	 * the two would fight over.
	 */
	List<String> nativeScalingPolicies(FleetTarget target);

}
