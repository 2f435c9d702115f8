package io.capacitypilot.control.leadership;

import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * Spring Integration's leader election, stopped so that a leader that shuts down releases its lock
 * and another replica takes over at once, rather than when the lock's time to live runs out. Its
 * thread releases the lock as it ends, after {@link #stop()} returns: shutdown waits for it, because
 * the database connections close next.
 */
class ReleasingLeaderInitiator extends LockRegistryLeaderInitiator {

	private final Leadership leadership;

	ReleasingLeaderInitiator(JdbcLockRegistry locks, Leadership leadership) {
		super(locks, leadership);
		this.leadership = leadership;
	}

	@Override
	public void stop(Runnable callback) {
		stop();
		this.leadership.whenRevoked(callback);
	}

}
