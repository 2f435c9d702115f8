package io.capacitypilot.fleet;

/**
 * Which Auto Scaling Group a managed group drives, and where.
 *
 * @param region the group's region
 * @param autoScalingGroupName the ASG's name
 * @param roleArn the IAM role to assume for the group's account, or {@code null} for the service's
 * own account and credentials
 */
public record FleetTarget(String region, String autoScalingGroupName, String roleArn) {

	/** A group in the service's own account. */
	public FleetTarget(String region, String autoScalingGroupName) {
		this(region, autoScalingGroupName, null);
	}

}
