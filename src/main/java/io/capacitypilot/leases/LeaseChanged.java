package io.capacitypilot.leases;

/**
 * Published after a lease's state or counts changed, for waiting clients and live views: by the
 * replica that changed it, and by every other once it has read the change ({@link LeaseFollower}).
 */
public record LeaseChanged(Lease lease) {
}
