package io.capacitypilot.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation of one group depends on.
 *
 * @param forecasts the forecast models of the group's last evaluation ({@link Evaluation#forecasts()}),
 * by policy name, so that predictive policies relearn only when their history has moved on; empty
 * to learn afresh, with the same result
 */
public record EvaluationInput(GroupSettings group, FleetState fleet, Map<MetricQuery, MetricWindow> windows,
		List<Policy> policies, History history, List<LeaseFloor> leases, Instant now,
		Map<String, Forecaster.Model> forecasts) {

	public EvaluationInput {
		windows = Map.copyOf(windows);
		policies = List.copyOf(policies);
		leases = List.copyOf(leases);
		forecasts = Map.copyOf(forecasts);
	}

	/** An input that learns every forecast afresh. */
	public EvaluationInput(GroupSettings group, FleetState fleet, Map<MetricQuery, MetricWindow> windows,
			List<Policy> policies, History history, List<LeaseFloor> leases, Instant now) {
		this(group, fleet, windows, policies, history, leases, now, Map.of());
	}

}
