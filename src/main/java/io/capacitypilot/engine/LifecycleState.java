package io.capacitypilot.engine;

/** An instance's place in the Auto Scaling lifecycle, reduced to what scaling decisions need. */
public enum LifecycleState {

	PENDING, IN_SERVICE, TERMINATING, STANDBY, DETACHING, OTHER;

	/** Whether the instance counts toward the group's capacity (AWS counts Pending and InService). */
	public boolean countsTowardCapacity() {
		return this == PENDING || this == IN_SERVICE;
	}

}
