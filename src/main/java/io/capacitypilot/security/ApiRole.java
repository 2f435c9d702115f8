package io.capacitypilot.security;

/** What a token may change. Reading needs no token. */
public enum ApiRole {

	/** Everything: groups, policies, modes, leases, simulations and backtests. */
	OPERATOR,

	/**
	 * What a CI pipeline needs and no more: take and release leases, run simulations and backtests.
	 * A leaked pipeline token can hold capacity up to a group's maximum for a lease's time to live,
	 * but cannot change a policy or pause a group.
	 */
	PIPELINE;

	String authority() {
		return "ROLE_" + name();
	}

}
