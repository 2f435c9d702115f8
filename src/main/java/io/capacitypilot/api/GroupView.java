package io.capacitypilot.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.capacitypilot.actuation.ActuationStep;
import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.fleet.TargetState;
import io.capacitypilot.groups.Actuation;
import io.capacitypilot.groups.ManagedGroup;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A group as the API returns it; a single group also carries the live state of its fleet, or why
 * that could not be read.
 */
record GroupView(String name, String autoScalingGroupName, String region, Integer minCapacity, Integer maxCapacity,
		@Schema(type = "string", format = "duration", example = "PT15S") Duration evaluationInterval, Mode mode,
		Behavior behavior, boolean leasesMayRaiseMax, Actuation actuation, String roleArn, Instant createdAt,
		Instant updatedAt,
		@Schema(description = "only on a single group") Fleet fleet,
		@Schema(description = "why the fleet, or a part of it such as target health, could not be read; "
				+ "only on a single group") String fleetError) {

	static GroupView of(ManagedGroup group) {
		return of(group, null, null);
	}

	static GroupView of(ManagedGroup group, Fleet fleet, String fleetError) {
		return new GroupView(group.name(), group.autoScalingGroupName(), group.region(), group.minCapacity(),
				group.maxCapacity(), group.evaluationInterval(), group.mode(),
				Behavior.NONE.equals(group.behavior()) ? null : group.behavior(), group.leasesMayRaiseMax(),
				group.actuation(), group.roleArn(), group.createdAt(), group.updatedAt(), fleet, fleetError);
	}

	/**
	 * The Auto Scaling Group as it is now.
	 *
	 * @param targetGroups the target groups the service owns (controller-managed registration), each
	 * with its targets' states by instance id
	 * @param leaving the victims of a scale-in still under way, and how far each got
	 */
	record Fleet(int minSize, int maxSize, int desiredCapacity, long inService, long healthy,
			List<Instance> instances, Map<String, Map<String, String>> targetGroups, List<Leaving> leaving) {

		static Fleet of(FleetState state, Map<String, Map<String, TargetState>> targetGroups,
				List<ActuationStep> leaving) {
			Map<String, Map<String, String>> targets = new LinkedHashMap<>();
			targetGroups.forEach((arn, states) -> {
				Map<String, String> named = new TreeMap<>();
				states.forEach((id, targetState) -> named.put(id, targetState.name().toLowerCase(Locale.ROOT)));
				targets.put(arn, named);
			});
			return new Fleet(state.minSize(), state.maxSize(), state.desiredCapacity(),
					state.instances().stream().filter((instance) -> instance.lifecycle() == LifecycleState.IN_SERVICE).count(),
					state.servingCount(), state.instances(), targets.isEmpty() ? null : targets,
					leaving.isEmpty() ? null : leaving.stream().map(Leaving::of).toList());
		}

	}

	/** A victim on its way out: its step's state, since when, and when its wait for draining ends. */
	record Leaving(String instanceId, long decisionId, String state, Instant since, Instant drainUntil, String error) {

		static Leaving of(ActuationStep step) {
			return new Leaving(step.instanceId(), step.decisionId(), step.state().name().toLowerCase(Locale.ROOT),
					step.updatedAt(), step.drainUntil(), step.error());
		}

	}

}
