package io.capacitypilot.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.groups.Actuation;
import io.capacitypilot.groups.ManagedGroup;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A group as the API returns it; a single group also carries the live state of its fleet, or why
 * that could not be read.
 */
record GroupView(String name, String autoScalingGroupName, String region, Integer minCapacity, Integer maxCapacity,
		@Schema(type = "string", format = "duration", example = "PT15S") Duration evaluationInterval, Mode mode,
		Behavior behavior, boolean leasesMayRaiseMax, Actuation actuation, Instant createdAt, Instant updatedAt,
		@Schema(description = "only on a single group") Fleet fleet,
		@Schema(description = "why the fleet could not be read; only on a single group") String fleetError) {

	static GroupView of(ManagedGroup group) {
		return of(group, null, null);
	}

	static GroupView of(ManagedGroup group, Fleet fleet, String fleetError) {
		return new GroupView(group.name(), group.autoScalingGroupName(), group.region(), group.minCapacity(),
				group.maxCapacity(), group.evaluationInterval(), group.mode(),
				Behavior.NONE.equals(group.behavior()) ? null : group.behavior(), group.leasesMayRaiseMax(),
				group.actuation(), group.createdAt(), group.updatedAt(), fleet, fleetError);
	}

	/** The Auto Scaling Group as it is now. */
	record Fleet(int minSize, int maxSize, int desiredCapacity, long inService, long healthy,
			List<Instance> instances) {

		static Fleet of(FleetState state) {
			return new Fleet(state.minSize(), state.maxSize(), state.desiredCapacity(),
					state.instances().stream().filter((instance) -> instance.lifecycle() == LifecycleState.IN_SERVICE).count(),
					state.servingCount(), state.instances());
		}

	}

}
