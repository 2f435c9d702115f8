package io.capacitypilot.leases;

/** Published after a lease's state or counts changed, for waiting clients and live views. */
public record LeaseChanged(Lease lease) {
}
