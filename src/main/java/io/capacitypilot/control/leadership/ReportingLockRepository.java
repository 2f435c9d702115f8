package io.capacitypilot.control.leadership;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.springframework.integration.jdbc.lock.LockRepository;

/**
 * The lock table as the leader sees it: every time the lock is taken or renewed, {@link Leadership}
 * learns until when it holds. The leader election takes the lock again every heartbeat to renew it.
 */
final class ReportingLockRepository implements LockRepository {

	private final LockRepository locks;

	private final Leadership leadership;

	ReportingLockRepository(LockRepository locks, Leadership leadership) {
		this.locks = locks;
		this.leadership = leadership;
	}

	@Override
	public boolean acquire(String lock, Duration ttl) {
		return reported(() -> this.locks.acquire(lock, ttl), ttl);
	}

	@Override
	public boolean renew(String lock, Duration ttl) {
		return reported(() -> this.locks.renew(lock, ttl), ttl);
	}

	private boolean reported(BooleanSupplier attempt, Duration ttl) {
		// The row's expiry is set after this moment: counting from here never outlasts it.
		long since = System.nanoTime();
		boolean held = attempt.getAsBoolean();
		if (held) {
			this.leadership.held(since, ttl);
		}
		return held;
	}

	@Override
	public boolean isAcquired(String lock) {
		return this.locks.isAcquired(lock);
	}

	@Override
	public boolean delete(String lock) {
		return this.locks.delete(lock);
	}

	@Override
	public void deleteExpired() {
		this.locks.deleteExpired();
	}

	@Override
	public void close() {
		this.locks.close();
	}

}
