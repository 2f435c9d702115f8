package io.capacitypilot.fleet.aws;

import io.capacitypilot.engine.LifecycleState;

/** Auto Scaling's fine-grained lifecycle states, reduced to what the engine reasons about. */
final class Lifecycles {

	private Lifecycles() {
	}

	static LifecycleState of(software.amazon.awssdk.services.autoscaling.model.LifecycleState state) {
		if (state == null) {
			return LifecycleState.OTHER;
		}
		return switch (state) {
			// Pending:Wait is a launch lifecycle hook holding the instance; it still counts toward capacity.
			case PENDING, PENDING_WAIT, PENDING_PROCEED -> LifecycleState.PENDING;
			case IN_SERVICE -> LifecycleState.IN_SERVICE;
			case TERMINATING, TERMINATING_WAIT, TERMINATING_PROCEED, TERMINATED -> LifecycleState.TERMINATING;
			case ENTERING_STANDBY, STANDBY -> LifecycleState.STANDBY;
			case DETACHING, DETACHED -> LifecycleState.DETACHING;
			// Warm-pool and quarantined instances serve no traffic and do not count toward capacity.
			default -> LifecycleState.OTHER;
		};
	}

}
