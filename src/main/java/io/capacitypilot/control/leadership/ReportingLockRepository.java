package io.capacitypilot.control.leadership;

import java.time.Duration;

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
		// The row's expiry is set after this moment: counting from here never outlasts it.
		long since = System.nanoTime();
		boolean acquired = this.locks.acquire(lock, ttl);
		if (acquired) {
			this.leadership.held(since, ttl);
		}
		return acquired;
	}

	@Override
	public boolean renew(String lock, Duration ttl) {
		long since = System.nanoTime();
		boolean renewed = this.locks.renew(lock, ttl);
		if (renewed) {
			this.leadership.held(since, ttl);
		}
		return renewed;
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
