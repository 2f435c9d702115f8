package io.capacitypilot.simulation;

import java.time.Instant;

import io.capacitypilot.engine.FleetState;

/** What an autoscaler sees when it is its turn: the fleet as described now and the monitoring so far. */
public record Observation(Instant now, FleetState fleet, Measurements measurements) {
}
