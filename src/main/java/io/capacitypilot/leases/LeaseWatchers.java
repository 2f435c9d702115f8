package io.capacitypilot.leases;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who waits on which lease: long-polls and event streams register here and are called with each
 * change, so no request thread sleeps or polls the database.
 */
@Component
class LeaseWatchers {

	private final Map<String, Set<Consumer<Lease>>> byLease = new ConcurrentHashMap<>();

	/** Calls {@code watcher} with every change of the lease until the returned handle is run. */
	Runnable watch(String leaseId, Consumer<Lease> watcher) {
		this.byLease.compute(leaseId, (id, watchers) -> {
			Set<Consumer<Lease>> set = (watchers != null) ? watchers : ConcurrentHashMap.newKeySet();
			set.add(watcher);
			return set;
		});
		return () -> this.byLease.computeIfPresent(leaseId, (id, watchers) -> {
			watchers.remove(watcher);
			return watchers.isEmpty() ? null : watchers;
		});
	}

	/** How many watchers wait on a lease now. */
	int watching(String leaseId) {
		Set<Consumer<Lease>> watchers = this.byLease.get(leaseId);
		return (watchers != null) ? watchers.size() : 0;
	}

	/** The ids of the leases someone waits on now. */
	Set<String> watched() {
		return Set.copyOf(this.byLease.keySet());
	}

	@EventListener
	void changed(LeaseChanged changed) {
		tell(changed.lease());
	}

	/**
	 * Passes the lease as it stands to those who wait on it; they ignore what they have seen
	 * already.
	 */
	void tell(Lease lease) {
		Set<Consumer<Lease>> watchers = this.byLease.get(lease.id());
		if (watchers != null) {
			watchers.forEach((watcher) -> watcher.accept(lease));
		}
	}

}
