package io.capacitypilot.control.leadership;

/** Real {@link Leadership}s in a known role, for tests of what only the leader may do. */
public final class Leaderships {

	private Leaderships() {
	}

	/** A replica that leads: it runs alone. */
	public static Leadership leader() {
		return Leadership.alone("test-leader");
	}

	/** A replica that competes for the lock and has not been granted it. */
	public static Leadership follower() {
		return Leadership.elected("test-follower");
	}

}
