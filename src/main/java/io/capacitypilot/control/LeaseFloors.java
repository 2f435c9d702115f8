package io.capacitypilot.control;

import java.time.Instant;
import java.util.List;

import io.capacitypilot.engine.LeaseFloor;

/** The capacity floors that leases hold on a group at a moment. */
@FunctionalInterface
public interface LeaseFloors {

	LeaseFloors NONE = (group, now) -> List.of();

	List<LeaseFloor> activeFloors(String groupName, Instant now);

}
