package io.capacitypilot.fleet.aws;

import io.capacitypilot.fleet.FleetTarget;

/** The Auto Scaling Group a managed group names does not exist (any more) where it says. */
public class AutoScalingGroupNotFoundException extends RuntimeException {

	public AutoScalingGroupNotFoundException(FleetTarget target) {
		super("Auto Scaling Group '" + target.autoScalingGroupName() + "' does not exist"
				+ ((target.region() != null) ? " in " + target.region() : ""));
	}

}
