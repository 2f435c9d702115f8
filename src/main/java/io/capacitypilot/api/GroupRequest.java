package io.capacitypilot.api;

import java.time.Duration;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.groups.Actuation;
import io.capacitypilot.groups.InvalidDefinitionException;
import io.capacitypilot.groups.ManagedGroup;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A group as a client defines it. Optional fields take their defaults here; the repository checks
 * the result.
 *
 * @param name required on create; on replace it may be left out, and must match the path if given
 */
record GroupRequest(@Schema(pattern = "[a-z0-9][a-z0-9-]{0,62}", example = "web") String name,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "web-asg") String autoScalingGroupName,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "us-east-1") String region,
		@Schema(minimum = "0") Integer minCapacity, @Schema(minimum = "0") Integer maxCapacity,
		@Schema(type = "string", format = "duration", example = "PT15S",
				description = "ISO-8601, at least PT1S; default PT15S") Duration evaluationInterval,
		@Schema(description = "default dry-run: a new group never touches a fleet until someone says so") Mode mode,
		Behavior behavior, @Schema(description = "default false") Boolean leasesMayRaiseMax,
		@Schema(description = "default: registration asg-managed, scale-in victims az-balanced") Actuation actuation,
		@Schema(example = "arn:aws:iam::123456789012:role/capacity-pilot",
				description = "for a group in another account: the IAM role the service assumes there; "
						+ "default: the service's own account") String roleArn) {

	static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(15);

	ManagedGroup toGroup() {
		return toGroup(this.name);
	}

	ManagedGroup toGroup(String pathName) {
		if (this.name != null && !this.name.equals(pathName)) {
			throw InvalidDefinitionException.of("name", "must equal the name in the path ('" + pathName + "')");
		}
		return new ManagedGroup(pathName, this.autoScalingGroupName, this.region, this.minCapacity, this.maxCapacity,
				(this.evaluationInterval != null) ? this.evaluationInterval : DEFAULT_EVALUATION_INTERVAL,
				(this.mode != null) ? this.mode : Mode.DRY_RUN, (this.behavior != null) ? this.behavior : Behavior.NONE,
				Boolean.TRUE.equals(this.leasesMayRaiseMax), this.actuation, this.roleArn, null, null);
	}

}
