package io.capacitypilot.engine;

import java.time.Instant;

/** A temporary capacity floor held by a lease (a CI pipeline's pre-scale). */
public record LeaseFloor(String leaseId, int capacity, Instant expiresAt) {
}
