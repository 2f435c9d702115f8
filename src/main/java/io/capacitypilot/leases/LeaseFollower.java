package io.capacitypilot.leases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears of the lease changes other replicas made, and announces them here as {@link LeaseChanged},
 * so that this replica's waiting clients and live feed hear of every change wherever it was made: a
 * lease is taken or released on whichever replica a client calls, and made ready or expired by the
 * leader's monitor. It compares the active leases as stored with the last it announced; a lease that
 * left them is read once more, as it ended.
 * <p>
 * A change made here is announced here as it happens: a reading that started before it is older,
 * so that lease is left to the next reading, never announced back as it was.
 */
@Component
class LeaseFollower {

	private final LeaseRepository leases;

	private final ApplicationEventPublisher events;

	/** The active leases as last announced here, each with the announcement's number. */
	private final Map<String, Announced> announced = new ConcurrentHashMap<>();

	private final AtomicLong announcements = new AtomicLong();

	private boolean following;

	LeaseFollower(LeaseRepository leases, ApplicationEventPublisher events) {
		this.leases = leases;
		this.events = events;
	}

	/** Reads the active leases and announces what other replicas changed since the last call. */
	void follow() {
		follow(this.leases::findActive);
	}

	/**
	 * Announces what other replicas changed since the last call, as {@code reading} the active leases
	 * shows it. The first call only notes where things stand: following starts from now.
	 */
	synchronized void follow(Supplier<List<Lease>> reading) {
		long before = this.announcements.get();
		List<Lease> active = reading.get();
		if (!this.following) {
			active.forEach((lease) -> this.announced.putIfAbsent(lease.id(), new Announced(lease, before)));
			this.following = true;
			return;
		}
		Set<String> stillActive = new HashSet<>();
		List<Lease> changed = new ArrayList<>();
		for (Lease lease : active) {
			stillActive.add(lease.id());
			Announced last = this.announced.get(lease.id());
			if (last == null || (last.number() <= before && !last.lease().equals(lease))) {
				changed.add(lease);
			}
		}
		List<String> ended = this.announced.entrySet()
			.stream()
			.filter((entry) -> !stillActive.contains(entry.getKey()) && entry.getValue().number() <= before
					&& entry.getValue().lease().state().active())
			.map(Map.Entry::getKey)
			.toList();
		changed.addAll(this.leases.findAllById(ended));
		changed.forEach((lease) -> this.events.publishEvent(new LeaseChanged(lease)));
		// Only active leases change: the ended ones need no more comparing.
		this.announced.keySet().removeAll(ended);
		this.announced.values().removeIf((last) -> !last.lease().state().active());
	}

	@EventListener
	void changed(LeaseChanged changed) {
		this.announced.put(changed.lease().id(), new Announced(changed.lease(), this.announcements.incrementAndGet()));
	}

	private record Announced(Lease lease, long number) {
	}

}
