package io.capacitypilot.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduler side of the control loop. Each tick it finds the groups whose evaluation interval
 * has come round, fetches every metric they need in one batched call across groups, and reconciles
 * the groups in parallel. A failing group does not hold up the others, and backs off. Only the
 * leader among the replicas ticks.
 */
@Component
public class ControlLoop {

	private static final Log logger = LogFactory.getLog(ControlLoop.class);

	private final GroupCatalog catalog;

	private final MetricSources metricSources;

	private final GroupReconciler reconciler;

	private final ControlProperties properties;

	private final Leadership leadership;

	private final Clock clock;

	private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();

	private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Semaphore permits;

	ControlLoop(GroupCatalog catalog, MetricSources metricSources, GroupReconciler reconciler,
			ControlProperties properties, Leadership leadership, Clock clock) {
		this.catalog = catalog;
		this.metricSources = metricSources;
		this.reconciler = reconciler;
		this.properties = properties;
		this.leadership = leadership;
		this.clock = clock;
		this.permits = new Semaphore(Math.max(1, properties.parallelism()));
	}

	@Scheduled(fixedDelayString = "${capacitypilot.control.tick:1s}")
	void scheduledTick() {
		if (!this.properties.enabled()) {
			return;
		}
		if (this.leadership.isLeader()) {
			tick(this.clock.instant());
		}
		else {
			// A follower keeps no schedule: made leader, it evaluates every group at once, as after a
			// restart, and moves on from the database whatever scale-in the former leader had begun.
			this.nextDue.clear();
			this.failuresInARow.clear();
		}
	}

	/** Evaluates every group that is due at {@code now}; returns their decisions. */
	public synchronized List<Decision> tick(Instant now) {
		List<DueGroup> due = dueGroups(now);
		if (due.isEmpty()) {
			return List.of();
		}
		List<MetricRequest> requests = due.stream()
			.flatMap((group) -> group.policies().stream())
			.flatMap((policy) -> policy.metricQuery().map((query) -> new MetricRequest(query, policy.lookback())).stream())
			.toList();
		Map<MetricQuery, MetricWindow> windows = this.metricSources.fetch(requests, now);
		List<Future<Decision>> running = new ArrayList<>();
		for (DueGroup group : due) {
			running.add(this.executor.submit(() -> reconcile(group, windows, now)));
		}
		List<Decision> decisions = new ArrayList<>();
		for (Future<Decision> future : running) {
			join(future).ifPresent(decisions::add);
		}
		return decisions;
	}

	/**
	 * Forgets when a group was last evaluated, so the next tick evaluates it (after a change), and
	 * what its forecasts learned.
	 */
	public void reschedule(String groupName) {
		this.nextDue.remove(groupName);
		this.failuresInARow.remove(groupName);
		this.reconciler.forget(groupName);
	}

	/**
	 * The groups due at {@code now}. A group without a schedule, just registered or changed or met by
	 * a replica that only now leads, is due at once: a change shows its effect at the next tick rather
	 * than up to an interval later, and a new leader does not know when the former one last evaluated
	 * the group. From then on a group is due at its own {@link EvaluationSlots slots}, the first of them
	 * within an interval, so groups registered together are evaluated together only once.
	 * <p>
	 * The evaluation after the one due now is the next slot, an interval after the slot that was due,
	 * not after now: ticks are a fixed delay apart and take time, so the tick that finds a group due
	 * comes up to a second after its time, and counting from now would add that to every interval (a
	 * 15 s group was evaluated every 15.3 s on average). A group that fell a whole interval behind (a
	 * long tick, a paused database) resumes at its next slot rather than catching up.
	 */
	private List<DueGroup> dueGroups(Instant now) {
		List<DueGroup> due = new ArrayList<>();
		for (ManagedGroup group : this.catalog.findAllGroups()) {
			if (group.mode() == Mode.PAUSED) {
				this.nextDue.remove(group.name());
				continue;
			}
			Instant next = this.nextDue.get(group.name());
			if (next == null || !next.isAfter(now)) {
				this.nextDue.put(group.name(), EvaluationSlots.after(group.name(), group.evaluationInterval(), now));
				due.add(new DueGroup(group, this.catalog.findPolicies(group.name())));
			}
		}
		return due;
	}

	private Decision reconcile(DueGroup due, Map<MetricQuery, MetricWindow> windows, Instant now)
			throws InterruptedException {
		this.permits.acquire();
		try {
			Decision decision = this.reconciler.reconcile(due.group(), due.policies(), windows, now);
			backOffOnFailure(due.group(), decision, now);
			return decision;
		}
		finally {
			this.permits.release();
		}
	}

	/**
	 * A group whose evaluations keep failing (AWS throttles it, its ASG is gone) waits twice as long
	 * after each failure, up to {@link ControlProperties#maxBackoff()}, so that it does not add to the
	 * throttling that the other groups suffer from too. One success ends the back-off.
	 */
	private void backOffOnFailure(ManagedGroup group, Decision decision, Instant now) {
		if (decision.outcome() != Outcome.FAILED) {
			this.failuresInARow.remove(group.name());
			return;
		}
		int failures = this.failuresInARow.merge(group.name(), 1, Integer::sum);
		Duration wait = group.evaluationInterval().multipliedBy(1L << Math.min(failures - 1, 16));
		Duration ceiling = this.properties.maxBackoff().compareTo(group.evaluationInterval()) > 0
				? this.properties.maxBackoff() : group.evaluationInterval();
		// Off its slots while it backs off; once an evaluation succeeds, the next is at one of them again.
		this.nextDue.put(group.name(), now.plus((wait.compareTo(ceiling) < 0) ? wait : ceiling));
	}

	private static Optional<Decision> join(Future<Decision> future) {
		try {
			return Optional.of(future.get());
		}
		catch (ExecutionException ex) {
			logger.error("Evaluating a group failed", ex.getCause());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private record DueGroup(ManagedGroup group, List<Policy> policies) {
	}

}
