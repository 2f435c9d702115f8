package io.capacitypilot.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.actuation.Actuator;
import io.capacitypilot.actuation.Victims;
import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.engine.Direction;
import io.capacitypilot.engine.Evaluation;
import io.capacitypilot.engine.EvaluationInput;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Forecaster;
import io.capacitypilot.engine.History;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.Reason;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.groups.ManagedGroup;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One control cycle of one group: move an unfinished scale-in on, read the fleet afresh, let the
 * engine decide, act on the difference (only in {@code active} mode), and record the decision with
 * its reasons. Nothing is remembered between cycles but the stored decisions and scale-in steps, and
 * in memory the forecasts the predictive policies learned (lost on a restart, they are learned again).
 */
@Component
public class GroupReconciler {

	private static final Log logger = LogFactory.getLog(GroupReconciler.class);

	private final Fleet fleet;

	private final ScalingEngine engine;

	private final DecisionRepository decisions;

	private final LeaseFloors leaseFloors;

	private final ControlMetrics metrics;

	private final ControlProperties properties;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Actuator actuator;

	private final VictimChoice victimChoice;

	private final Leadership leadership;

	/**
	 * Each group's forecast models of its last evaluation, by policy name: learning one reads two
	 * weeks of history, which moves on once an hour, while the group is evaluated every few seconds.
	 * Replaced at every evaluation, so it holds only the predictive policies still evaluated.
	 */
	private final Map<String, Map<String, Forecaster.Model>> forecasts = new ConcurrentHashMap<>();

	GroupReconciler(Fleet fleet, ScalingEngine engine, DecisionRepository decisions, LeaseFloors leaseFloors,
			ControlMetrics metrics, ControlProperties properties, JsonMapper json, ApplicationEventPublisher events,
			Actuator actuator, VictimChoice victimChoice, Leadership leadership) {
		this.fleet = fleet;
		this.engine = engine;
		this.decisions = decisions;
		this.leaseFloors = leaseFloors;
		this.metrics = metrics;
		this.properties = properties;
		this.json = json;
		this.events = events;
		this.actuator = actuator;
		this.victimChoice = victimChoice;
		this.leadership = leadership;
	}

	/** Forgets what the group's forecasts learned (the group changed or is gone). */
	void forget(String groupName) {
		this.forecasts.remove(groupName);
	}

	/**
	 * Evaluates a group that is not paused and records the decision.
	 * @param windows the tick's metric windows, for all groups
	 */
	public Decision reconcile(ManagedGroup group, List<Policy> policies, Map<MetricQuery, MetricWindow> windows,
			Instant now) {
		Timer.Sample sample = this.metrics.startEvaluation();
		FleetTarget target = group.target();
		Planned planned = decide(group, target, policies, windows, now);
		Decision decision = this.decisions.save(planned.decision());
		if (planned.victims() != null) {
			decision = startScaleIn(group, target, decision, planned.victims(), now);
		}
		this.metrics.evaluated(sample, decision);
		this.events.publishEvent(new DecisionRecorded(decision,
				(planned.victims() != null) ? this.actuator.stepsOf(decision.id()) : List.of()));
		return decision;
	}

	private Planned decide(ManagedGroup group, FleetTarget target, List<Policy> policies,
			Map<MetricQuery, MetricWindow> windows, Instant now) {
		List<Decision> past = this.decisions.findSince(group.name(), now.minus(this.properties.history()));
		List<Reason> notes = new ArrayList<>();
		boolean actuating = advanceScaleIn(group, target, past, notes, now);
		FleetState state;
		try {
			state = this.fleet.describe(target);
		}
		catch (RuntimeException ex) {
			String error = "could not read Auto Scaling Group " + target.autoScalingGroupName() + ": " + ex.getMessage();
			return new Planned(new Decision(null, group.name(), now, replica(), group.mode(), 0, 0, null, 0,
					Direction.NONE, Action.NOT_EVALUATED, Outcome.FAILED, error, error, toJson(new DecisionDetail(
							List.of(), List.of(), List.of(), new Reason("fleet.unreadable", error, Map.of()), notes))),
					null);
		}
		History history = history(group, past, state, now, notes);
		lookAround(group, target, state, notes, now);
		Map<MetricQuery, MetricWindow> used = windowsOf(policies, windows, now);
		Evaluation evaluation = this.engine.evaluate(new EvaluationInput(group.settings(), state, used, policies,
				history, this.leaseFloors.activeFloors(group.name(), now), now,
				this.forecasts.getOrDefault(group.name(), Map.of())));
		remember(group.name(), evaluation.forecasts());
		return act(group, policies, target, state, evaluation, actuating, used, notes, now);
	}

	/**
	 * Moves an unfinished scale-in on (only in {@code active} mode: a dry-run group is never touched)
	 * and closes the decisions whose steps are all finished. Returns whether one is still under way.
	 */
	private boolean advanceScaleIn(ManagedGroup group, FleetTarget target, List<Decision> past, List<Reason> notes,
			Instant now) {
		if (group.mode() != Mode.ACTIVE) {
			return false;
		}
		try {
			Actuator.Progress progress = this.actuator.advance(group, target,
					past.isEmpty() ? null : past.getLast().id(), now);
			progress.completed().forEach(this::complete);
			progress.moved()
				.forEach((decisionId) -> this.decisions.findById(decisionId)
					.ifPresent((decision) -> this.events
						.publishEvent(new ScaleInProgressed(decision, this.actuator.stepsOf(decisionId)))));
			return progress.inProgress();
		}
		catch (RuntimeException ex) {
			// Not knowing how far the scale-in got, act as if it still runs: nothing new until it is known.
			notes.add(new Reason("actuation.failed", "could not move the scale-in under way on: " + ex.getMessage(),
					Map.of()));
			return true;
		}
	}

	private void remember(String groupName, Map<String, Forecaster.Model> learned) {
		if (learned.isEmpty()) {
			this.forecasts.remove(groupName);
		}
		else {
			this.forecasts.put(groupName, learned);
		}
	}

	private Decision startScaleIn(ManagedGroup group, FleetTarget target, Decision decision, Victims victims,
			Instant now) {
		try {
			this.actuator.startScaleIn(group, target, decision.id(), victims, now)
				.completed()
				.stream()
				.filter((completed) -> completed.decisionId() == decision.id())
				.findFirst()
				.ifPresent(this::complete);
		}
		catch (RuntimeException ex) {
			// The steps are stored (or nothing is): the next tick continues from there.
			logger.warn("Starting the scale-in of group '" + group.name() + "' failed", ex);
		}
		return this.decisions.findById(decision.id()).orElse(decision);
	}

	private void complete(Actuator.Completed completed) {
		this.decisions.complete(completed.decisionId(), completed.failed() ? Outcome.FAILED : Outcome.SUCCEEDED,
				completed.error());
	}

	/**
	 * What the ASG says beyond its capacity: instances that joined and must be registered in the
	 * target groups Capacity Pilot owns, and scaling policies of its own that fight ours.
	 */
	private void lookAround(ManagedGroup group, FleetTarget target, FleetState state, List<Reason> notes,
			Instant now) {
		if (group.mode() == Mode.ACTIVE) {
			try {
				List<String> registered = this.actuator.registerNew(group, target, state);
				if (!registered.isEmpty()) {
					notes.add(new Reason("actuation.registered", "registered " + registered
							+ " in the group's target groups", Map.of("instances", registered)));
				}
			}
			catch (RuntimeException ex) {
				notes.add(new Reason("actuation.register-failed", "registering new instances failed: " + ex.getMessage(),
						Map.of()));
			}
		}
		try {
			this.actuator.nativePoliciesWarning(group, target, now).ifPresent(notes::add);
		}
		catch (RuntimeException ex) {
			// Only a warning: not being able to read the policies must not hold scaling up.
			logger.debug("Reading the native scaling policies of group '" + group.name() + "' failed", ex);
		}
	}

	private Planned act(ManagedGroup group, List<Policy> policies, FleetTarget target, FleetState state,
			Evaluation evaluation, boolean actuating, Map<MetricQuery, MetricWindow> used, List<Reason> notes,
			Instant now) {
		Action action;
		Outcome outcome;
		String error = null;
		int desired = evaluation.desired();
		Victims victims = null;
		if (evaluation.desired() == state.desiredCapacity()) {
			action = Action.NONE;
			outcome = Outcome.SKIPPED;
		}
		else if (group.mode() != Mode.ACTIVE) {
			action = Action.DRY_RUN;
			outcome = Outcome.SKIPPED;
			notes.add(new Reason("mode.dry-run", "dry-run: would set desired capacity from "
					+ state.desiredCapacity() + " to " + evaluation.desired() + "; the fleet was left alone",
					Map.of("from", state.desiredCapacity(), "to", evaluation.desired())));
		}
		else if (actuating) {
			action = Action.NONE;
			outcome = Outcome.SKIPPED;
			notes.add(new Reason("actuation.in-progress", "a scale-in is still removing its victims: the change to "
					+ evaluation.desired() + " waits until it is done", Map.of("to", evaluation.desired())));
		}
		else if (evaluation.desired() < state.desiredCapacity() && this.actuator.choosesVictims(group)) {
			victims = this.victimChoice.choose(group, policies, state.instances(),
					state.desiredCapacity() - evaluation.desired(), notes, now);
			if (victims.chosen().isEmpty()) {
				victims = null;
				action = Action.NONE;
				outcome = Outcome.SKIPPED;
			}
			else {
				action = Action.TERMINATE_INSTANCES;
				outcome = Outcome.IN_PROGRESS;
				desired = state.desiredCapacity() - victims.chosen().size();
			}
		}
		else {
			action = Action.SET_DESIRED_CAPACITY;
			try {
				this.fleet.setDesiredCapacity(target, evaluation.desired());
				outcome = Outcome.SUCCEEDED;
			}
			catch (RuntimeException ex) {
				outcome = Outcome.FAILED;
				error = "SetDesiredCapacity to " + evaluation.desired() + " failed: " + ex.getMessage();
			}
		}
		List<DecisionDetail.MetricUsed> metricsUsed = used.values()
			.stream()
			.map((window) -> DecisionDetail.MetricUsed.of(window, now))
			.toList();
		DecisionDetail detail = new DecisionDetail(metricsUsed, evaluation.recommendations(), evaluation.guardrails(),
				evaluation.summary(), notes);
		return new Planned(new Decision(null, group.name(), now, replica(), group.mode(), state.desiredCapacity(),
				(int) state.servingCount(), evaluation.combined(), desired, evaluation.direction(), action, outcome,
				error, summaryOf(evaluation, action, victims, error), toJson(detail)), victims);
	}

	private Map<MetricQuery, MetricWindow> windowsOf(List<Policy> policies, Map<MetricQuery, MetricWindow> windows,
			Instant now) {
		Map<MetricQuery, MetricWindow> used = new java.util.LinkedHashMap<>();
		for (Policy policy : policies) {
			policy.metricQuery().ifPresent((query) -> {
				MetricWindow window = windows.getOrDefault(query,
						MetricWindow.failed(query, now, "no window was fetched for this query"));
				used.put(query, window);
				this.metrics.windowUsed(window, now);
			});
		}
		return used;
	}

	/**
	 * The engine's memory, rebuilt from stored decisions. A desired capacity that differs from what
	 * the last decision left means someone else scaled the group: it counts as an action, so
	 * cooldowns start from it.
	 */
	private History history(ManagedGroup group, List<Decision> past, FleetState state, Instant now,
			List<Reason> notes) {
		List<History.PastRecommendation> recommendations = new ArrayList<>();
		List<History.PastAction> actions = new ArrayList<>();
		for (Decision decision : past) {
			if (decision.combinedRecommendation() != null) {
				recommendations.add(new History.PastRecommendation(decision.evaluatedAt(),
						decision.combinedRecommendation()));
			}
			if (decision.targetCapacity() != decision.currentCapacity()) {
				actions.add(new History.PastAction(decision.evaluatedAt(), decision.currentCapacity(),
						decision.targetCapacity()));
			}
		}
		if (!past.isEmpty() && past.getLast().action() != Action.NOT_EVALUATED) {
			// Our own terminations since the last reading lowered the capacity too.
			Decision last = past.getLast();
			int expected = last.resultingCapacity() - this.actuator.terminatedAfter(group.name(), last.id());
			if (expected != state.desiredCapacity()) {
				actions.add(new History.PastAction(now, expected, state.desiredCapacity()));
				notes.add(new Reason("fleet.external-change",
						"desired capacity changed from " + expected + " to " + state.desiredCapacity()
								+ " outside Capacity Pilot since the last decision; cooldowns start from it",
						Map.of("expected", expected, "actual", state.desiredCapacity())));
			}
		}
		return new History(recommendations, actions);
	}

	/** The engine's summary says what it decided and why; this adds what was done about it. */
	private static String summaryOf(Evaluation evaluation, Action action, Victims victims, String error) {
		String decided = evaluation.summary().message();
		return switch (action) {
			case SET_DESIRED_CAPACITY -> (error == null) ? decided : decided + " — " + error;
			case TERMINATE_INSTANCES -> decided + " — removing " + victims.ids();
			case DRY_RUN -> "dry-run, fleet left alone: " + decided;
			case NONE, NOT_EVALUATED -> decided;
		};
	}

	/** Which replica decided: the audit trail says who acted on the fleet, and a failover shows in it. */
	private String replica() {
		return this.leadership.replicaId();
	}

	private String toJson(DecisionDetail detail) {
		return this.json.writeValueAsString(detail);
	}

	/** A decision to store, and the victims its scale-in removes once it has an id. */
	private record Planned(Decision decision, Victims victims) {
	}

}
