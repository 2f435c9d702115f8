package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;

/**
 * A model of one Auto Scaling Group, with time passed in: a launched instance is {@code PENDING}
 * for its boot time, then {@code IN_SERVICE} and healthy; on scale-in the newest instance goes
 * first, stops serving at once and is billed while it drains. The group remembers when each
 * instance served, so that what it served at a past instant can be asked for afterwards (metrics
 * are computed from that record, not sampled).
 * <p>
 * Not thread-safe: {@link SimulatedFleet} serialises access.
 */
public final class SimulatedGroup {

	private final String name;

	private final int minSize;

	private final int maxSize;

	private final Supplier<Duration> bootTime;

	private final Duration drainTime;

	private final Duration retention;

	/** Every instance that was alive within the retention, in launch order. */
	private final List<Member> members = new ArrayList<>();

	private int desiredCapacity;

	private int launched;

	/**
	 * A group already running {@code initialCapacity} instances at {@code start}.
	 * @param bootTime the time from launch to in service, drawn for each instance
	 * @param drainTime how long a removed instance is still billed, serving nothing
	 * @param retention how far back the group must answer for what it served
	 */
	public SimulatedGroup(String name, int minSize, int maxSize, int initialCapacity, Supplier<Duration> bootTime,
			Duration drainTime, Duration retention, Instant start) {
		if (minSize < 0 || maxSize < minSize || initialCapacity < minSize || initialCapacity > maxSize) {
			throw new IllegalArgumentException("need 0 <= min <= initial <= max, got min " + minSize + ", initial "
					+ initialCapacity + ", max " + maxSize);
		}
		this.name = name;
		this.minSize = minSize;
		this.maxSize = maxSize;
		this.bootTime = bootTime;
		this.drainTime = drainTime;
		this.retention = retention;
		for (int i = 0; i < initialCapacity; i++) {
			this.members.add(new Member(nextId(), start, start));
		}
		this.desiredCapacity = initialCapacity;
	}

	public String name() {
		return this.name;
	}

	public int desiredCapacity() {
		return this.desiredCapacity;
	}

	/**
	 * Launches or removes instances to reach the capacity, as SetDesiredCapacity does.
	 * @throws IllegalArgumentException outside the group's bounds, as AWS rejects it
	 */
	public void setDesiredCapacity(int capacity, Instant now) {
		if (capacity < this.minSize || capacity > this.maxSize) {
			throw new IllegalArgumentException("desired capacity " + capacity + " is outside the bounds ["
					+ this.minSize + ", " + this.maxSize + "] of " + this.name);
		}
		List<Member> alive = alive();
		for (int i = alive.size(); i < capacity; i++) {
			this.members.add(new Member(nextId(), now, now.plus(this.bootTime.get())));
		}
		alive.stream()
			.sorted(Comparator.comparing(Member::launchedAt).reversed())
			.limit(Math.max(0, alive.size() - capacity))
			.forEach((member) -> member.terminate(now, this.drainTime));
		this.desiredCapacity = capacity;
		forgetBefore(now.minus(this.retention));
	}

	/** The group as DescribeAutoScalingGroups would report it now. */
	public FleetState state(Instant now) {
		List<Instance> instances = this.members.stream()
			.filter((member) -> member.billedAt(now))
			.map((member) -> new Instance(member.id, "sim-1a", member.lifecycleAt(now), true, false,
					member.launchedAt))
			.toList();
		return new FleetState(this.minSize, this.maxSize, this.desiredCapacity, instances, false);
	}

	/** How many instances served traffic at an instant (within the retention). */
	public int servingAt(Instant at) {
		return (int) this.members.stream().filter((member) -> member.servingAt(at)).count();
	}

	/** How many instances were paid for at an instant: pending, in service or draining. */
	public int billedAt(Instant at) {
		return (int) this.members.stream().filter((member) -> member.billedAt(at)).count();
	}

	private List<Member> alive() {
		return this.members.stream().filter((member) -> member.terminatedAt == null).toList();
	}

	private void forgetBefore(Instant horizon) {
		this.members.removeIf((member) -> member.goneAt != null && member.goneAt.isBefore(horizon));
	}

	private String nextId() {
		return "i-" + this.name + "-" + (++this.launched);
	}

	/** One instance's life: launched, in service from {@code readyAt}, removed, gone after draining. */
	private static final class Member {

		private final String id;

		private final Instant launchedAt;

		private final Instant readyAt;

		private Instant terminatedAt;

		private Instant goneAt;

		Member(String id, Instant launchedAt, Instant readyAt) {
			this.id = id;
			this.launchedAt = launchedAt;
			this.readyAt = readyAt;
		}

		Instant launchedAt() {
			return this.launchedAt;
		}

		void terminate(Instant now, Duration drainTime) {
			this.terminatedAt = now;
			this.goneAt = now.plus(drainTime);
		}

		boolean billedAt(Instant at) {
			return !at.isBefore(this.launchedAt) && (this.goneAt == null || at.isBefore(this.goneAt));
		}

		boolean servingAt(Instant at) {
			return !at.isBefore(this.readyAt) && (this.terminatedAt == null || at.isBefore(this.terminatedAt));
		}

		LifecycleState lifecycleAt(Instant at) {
			if (this.terminatedAt != null && !at.isBefore(this.terminatedAt)) {
				return LifecycleState.TERMINATING;
			}
			return at.isBefore(this.readyAt) ? LifecycleState.PENDING : LifecycleState.IN_SERVICE;
		}

	}

}
