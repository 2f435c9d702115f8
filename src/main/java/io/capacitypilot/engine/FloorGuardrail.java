package io.capacitypilot.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Floors that hold whatever the policies say: the minimum of an active scheduled window and the
 * capacity of every active lease. The largest wins. A floor may exceed the group's maximum (a lease
 * asks for capacity explicitly) but never the ASG's.
 */
final class FloorGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		int floor = Integer.MIN_VALUE;
		String source = null;
		for (Opinion opinion : cycle.opinions()) {
			if (opinion.floor() != null && opinion.floor() > floor) {
				floor = opinion.floor();
				source = "scheduled window of " + opinion.policy().name();
			}
		}
		for (LeaseFloor lease : cycle.input().leases()) {
			if (lease.expiresAt().isAfter(cycle.now()) && lease.capacity() > floor) {
				floor = lease.capacity();
				source = "lease " + lease.leaseId();
			}
		}
		if (source == null || value >= floor) {
			return Optional.empty();
		}
		int held = Math.min(floor, cycle.fleet().maxSize());
		return Guardrail.effect("floor", value, Math.max(value, held), source + " holds at least " + floor,
				Map.of("floor", floor, "source", source, "asgMax", cycle.fleet().maxSize()));
	}

}
