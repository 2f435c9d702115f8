package io.capacitypilot.engine;

import java.util.List;

/**
 * The actual state of one Auto Scaling Group, read afresh every cycle.
 *
 * @param minSize the ASG's own minimum
 * @param maxSize the ASG's own maximum
 * @param desiredCapacity the ASG's desired capacity
 * @param instances its instances
 * @param busy an instance refresh or another scaling activity is in progress: no action now
 */
public record FleetState(int minSize, int maxSize, int desiredCapacity, List<Instance> instances, boolean busy) {

	public FleetState {
		instances = (instances != null) ? List.copyOf(instances) : List.of();
	}

	public long servingCount() {
		return this.instances.stream().filter(Instance::serving).count();
	}

}
