package io.capacitypilot.groups;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.fleet.FleetTarget;

/**
 * One Auto Scaling Group under management, as stored.
 *
 * @param minCapacity a floor tighter than the ASG's own minimum, or {@code null}
 * @param maxCapacity a ceiling tighter than the ASG's own maximum, or {@code null}
 * @param evaluationInterval how often the control loop evaluates the group
 * @param mode {@code DRY_RUN} for a new group: it never touches a fleet until someone says so
 * @param behavior the group's scaling behaviour; its policies may override it
 * @param leasesMayRaiseMax whether a CI lease may ask for more than the group's maximum (off by
 * default: a lease must not silently lift a ceiling someone set on purpose)
 * @param actuation how scale-out and scale-in are carried out
 * @param roleArn the IAM role the service assumes to reach a group in another account, or
 * {@code null} for a group in the service's own account
 */
public record ManagedGroup(String name, String autoScalingGroupName, String region, Integer minCapacity,
		Integer maxCapacity, Duration evaluationInterval, Mode mode, Behavior behavior, boolean leasesMayRaiseMax,
		Actuation actuation, String roleArn, Instant createdAt, Instant updatedAt) {

	public ManagedGroup {
		actuation = (actuation != null) ? actuation : Actuation.DEFAULT;
		roleArn = (roleArn == null || roleArn.isBlank()) ? null : roleArn.strip();
	}

	/** The Auto Scaling Group this group drives, where it is and how it is reached. */
	public FleetTarget target() {
		return new FleetTarget(this.region, this.autoScalingGroupName, this.roleArn);
	}

	public GroupSettings settings() {
		return new GroupSettings(this.name, this.minCapacity, this.maxCapacity, this.behavior, this.mode);
	}

}
