package io.capacitypilot.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.capacitypilot.actuation.ActuationStep;
import io.capacitypilot.actuation.Actuator;
import io.capacitypilot.control.Action;
import io.capacitypilot.control.Decision;
import io.capacitypilot.control.DecisionRecorded;
import io.capacitypilot.control.DecisionRepository;
import io.capacitypilot.control.Outcome;
import io.capacitypilot.control.ScaleInProgressed;
import io.capacitypilot.control.leadership.Leadership;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings the leader's decisions to a follower's live feed. Only the leader evaluates groups, and the
 * events it publishes stay in its process; a follower reads what the leader stored instead, every
 * {@link DashboardProperties#followInterval() follow interval}, and publishes the same events
 * ({@link DecisionRecorded}, {@link ScaleInProgressed}), so that its browsers get the same payloads.
 * New decisions are found by id, on the primary key; a scale-in under way is read again until its
 * outcome is settled. The leader reads nothing here: its events are published as they happen.
 * <p>
 * Following starts from what is stored when the replica becomes a follower: nothing older is
 * replayed (a browser loads the past over the API).
 */
@Component
class DecisionFollower {

	/**
	 * How long an id is looked back on for a lower one that is stored after it. The database hands out
	 * ids before the rows commit, and the control loop stores several groups' decisions at once, so
	 * decision 11 may become visible before decision 10; a row is committed within milliseconds of its
	 * id, so waiting seconds misses none.
	 */
	private static final Duration SETTLE = Duration.ofSeconds(10);

	private final Leadership leadership;

	private final DecisionRepository decisions;

	private final Actuator actuator;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** Every decision up to this id has been published or was there before; {@code null}: not following. */
	private Long floor;

	/** The decisions above the floor that have been published, and when. */
	private final NavigableMap<Long, Instant> published = new TreeMap<>();

	/** The scale-ins under way, as last published. */
	private final Map<Long, ScaleIn> underWay = new HashMap<>();

	DecisionFollower(Leadership leadership, DecisionRepository decisions, Actuator actuator,
			ApplicationEventPublisher events, Clock clock) {
		this.leadership = leadership;
		this.decisions = decisions;
		this.actuator = actuator;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${capacitypilot.dashboard.follow-interval:1s}")
	void scheduledFollow() {
		if (this.leadership.isLeader()) {
			stop();
		}
		else {
			follow(this.clock.instant());
		}
	}

	/** Publishes what the leader stored since the last call; the first call only notes where things stand. */
	synchronized void follow(Instant now) {
		if (this.floor == null) {
			start();
			return;
		}
		List<Long> moving = new ArrayList<>(this.underWay.keySet());
		List<Long> fresh = this.decisions.findIdsAfter(this.floor)
			.stream()
			.filter((id) -> !this.published.containsKey(id))
			.toList();
		for (Decision decision : this.decisions.findAllById(fresh)) {
			ScaleIn recorded = new ScaleIn(decision, stepsOf(decision));
			this.events.publishEvent(new DecisionRecorded(decision, recorded.steps()));
			this.published.put(decision.id(), now);
			if (recorded.underWay()) {
				this.underWay.put(decision.id(), recorded);
			}
		}
		moving.forEach((id) -> progress(id, now));
		settle(now);
	}

	private void start() {
		this.floor = this.decisions.findLatestId();
		for (long id : this.actuator.scaleInsUnderWay()) {
			read(id).ifPresent((scaleIn) -> this.underWay.put(id, scaleIn));
		}
	}

	/** Forgets everything: the leader publishes its own events, and a follower again starts from now. */
	synchronized void stop() {
		this.floor = null;
		this.published.clear();
		this.underWay.clear();
	}

	/** Publishes a scale-in under way again if it moved on; stops following it once settled. */
	private void progress(long id, Instant now) {
		Optional<ScaleIn> current = read(id);
		if (current.isEmpty()) {
			// The group was deleted, and its decisions with it.
			this.underWay.remove(id);
			return;
		}
		ScaleIn scaleIn = current.get();
		// The leader settles a scale-in in the evaluation that finishes its last step: until then, a page
		// must not show it finished yet in progress. One that stays so was left unsettled (its leader
		// stopped in between), and is shown as it is.
		boolean abandoned = scaleIn.unsettled() && scaleIn.unchangedSince(now.minus(SETTLE));
		if (scaleIn.unsettled() && !abandoned) {
			return;
		}
		if (!scaleIn.equals(this.underWay.get(id))) {
			this.events.publishEvent(new ScaleInProgressed(scaleIn.decision(), scaleIn.steps()));
		}
		if (scaleIn.underWay() && !abandoned) {
			this.underWay.put(id, scaleIn);
		}
		else {
			this.underWay.remove(id);
		}
	}

	/** Raises the floor past the ids published long enough ago that no lower one can still appear. */
	private void settle(Instant now) {
		Instant settled = now.minus(SETTLE);
		this.published.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isAfter(settled))
			.map(Map.Entry::getKey)
			.reduce(Math::max)
			.ifPresent((id) -> {
				this.floor = Math.max(this.floor, id);
				this.published.headMap(id, true).clear();
			});
	}

	private Optional<ScaleIn> read(long id) {
		return this.decisions.findById(id).map((decision) -> new ScaleIn(decision, stepsOf(decision)));
	}

	private List<ActuationStep> stepsOf(Decision decision) {
		return (decision.action() == Action.TERMINATE_INSTANCES) ? this.actuator.stepsOf(decision.id()) : List.of();
	}

	/** A scale-in's decision and its steps, as read together. */
	private record ScaleIn(Decision decision, List<ActuationStep> steps) {

		boolean underWay() {
			return this.decision.action() == Action.TERMINATE_INSTANCES && this.decision.outcome() == Outcome.IN_PROGRESS;
		}

		/** Whether its steps are all finished but its outcome still says in progress. */
		boolean unsettled() {
			return underWay() && this.steps.stream().allMatch(ActuationStep::finished);
		}

		/** Whether neither the decision nor a step changed after {@code instant}. */
		boolean unchangedSince(Instant instant) {
			Instant changed = this.steps.stream()
				.map(ActuationStep::updatedAt)
				.reduce(this.decision.evaluatedAt(), (a, b) -> a.isAfter(b) ? a : b);
			return !changed.isAfter(instant);
		}

	}

}
