package io.capacitypilot.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one evaluation of one group depends on. */
public record EvaluationInput(GroupSettings group, FleetState fleet, Map<MetricQuery, MetricWindow> windows,
		List<Policy> policies, History history, List<LeaseFloor> leases, Instant now) {

	public EvaluationInput {
		windows = Map.copyOf(windows);
		policies = List.copyOf(policies);
		leases = List.copyOf(leases);
	}

}
