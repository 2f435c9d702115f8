package io.capacitypilot.leases;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a lease is in its life: {@code provisioning → ready → expired | released}. A lease holds
 * its floor while it is provisioning or ready; a lease that was never ready can still expire or be
 * released.
 */
public enum LeaseState {

	/** The floor is held; fewer than the leased capacity of instances serve yet. */
	PROVISIONING,
	/** At least the leased capacity of instances was InService and healthy. */
	READY,
	/** Its time to live ran out: the floor is gone. */
	EXPIRED,
	/** Released by its holder, or because its group was deleted: the floor is gone. */
	RELEASED;

	/** Whether the lease still holds its floor. */
	public boolean active() {
		return this == PROVISIONING || this == READY;
	}

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static LeaseState of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
