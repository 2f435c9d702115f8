package io.capacitypilot.control.leadership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;

/**
 * Whether this replica leads. Only the leader runs the control loop and the lease monitor, so that
 * several replicas never act twice on the same Auto Scaling Group; followers serve the API and the
 * dashboard and stand by. Leadership is a lock row in the shared database that the leader renews
 * every heartbeat; when it stops renewing it (it died, it lost the database), another replica takes
 * the lock once its time to live has run out.
 * <p>
 * The leader counts itself leader only until its last renewal's time to live runs out, even if it
 * has not yet heard that the lock is lost (a renewal hanging on an unreachable database): by then
 * another replica may have taken over, and two leaders must not act at once.
 */
public class Leadership implements Candidate {

	static final String ROLE = "capacity-pilot-control";

	private static final Log logger = LogFactory.getLog(Leadership.class);

	private final String replicaId;

	private final boolean alone;

	private volatile boolean granted;

	/** The {@link System#nanoTime()} until which the lock is known to be ours. */
	private volatile long heldUntil;

	/** What waits for the lock to be let go of: the end of a shutdown. */
	private final List<Runnable> waitingForRevocation = new ArrayList<>();

	private Leadership(String replicaId, boolean alone) {
		this.replicaId = replicaId;
		this.alone = alone;
	}

	/** A replica that competes for leadership through the lock. */
	static Leadership elected(String replicaId) {
		return new Leadership(replicaId, false);
	}

	/** A replica that is told it runs alone, and leads without a lock. */
	static Leadership alone(String replicaId) {
		logger.info("Leader election is off: replica '" + replicaId + "' runs the control loop as the only replica");
		return new Leadership(replicaId, true);
	}

	/** Whether this replica may act on the fleet now. */
	public boolean isLeader() {
		return this.alone || (this.granted && System.nanoTime() - this.heldUntil < 0);
	}

	public String replicaId() {
		return this.replicaId;
	}

	/** The lock was taken or renewed at {@code since} (a {@link System#nanoTime()}) for {@code ttl}. */
	void held(long since, Duration ttl) {
		this.heldUntil = since + ttl.toNanos();
	}

	@Override
	public String getRole() {
		return ROLE;
	}

	@Override
	public String getId() {
		return this.replicaId;
	}

	/** Runs {@code action} once this replica does not hold the lock (at once if it does not now). */
	synchronized void whenRevoked(Runnable action) {
		if (this.granted) {
			this.waitingForRevocation.add(action);
		}
		else {
			action.run();
		}
	}

	@Override
	public synchronized void onGranted(Context context) {
		this.granted = true;
		logger.info("Replica '" + this.replicaId + "' is now the leader: it runs the control loop and the lease monitor");
	}

	@Override
	public synchronized void onRevoked(Context context) {
		this.granted = false;
		logger.info("Replica '" + this.replicaId + "' is no longer the leader: it serves the API and stands by");
		this.waitingForRevocation.forEach(Runnable::run);
		this.waitingForRevocation.clear();
	}

}
