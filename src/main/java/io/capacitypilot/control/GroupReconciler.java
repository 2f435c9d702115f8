package io.capacitypilot.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Direction;
import io.capacitypilot.engine.Evaluation;
import io.capacitypilot.engine.EvaluationInput;
import io.capacitypilot.engine.FleetState;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One control cycle of one group: read the fleet afresh, let the engine decide, act on the
 * difference (only in {@code active} mode), and record the decision with its reasons. Nothing is
 * remembered between cycles but the stored decisions.
 */
@Component
public class GroupReconciler {

	private final Fleet fleet;

	private final ScalingEngine engine;

	private final DecisionRepository decisions;

	private final LeaseFloors leaseFloors;

	private final ControlMetrics metrics;

	private final ControlProperties properties;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	GroupReconciler(Fleet fleet, ScalingEngine engine, DecisionRepository decisions, LeaseFloors leaseFloors,
			ControlMetrics metrics, ControlProperties properties, JsonMapper json, ApplicationEventPublisher events) {
		this.fleet = fleet;
		this.engine = engine;
		this.decisions = decisions;
		this.leaseFloors = leaseFloors;
		this.metrics = metrics;
		this.properties = properties;
		this.json = json;
		this.events = events;
	}

	/**
	 * Evaluates a group that is not paused and records the decision.
	 * @param windows the tick's metric windows, for all groups
	 */
	public Decision reconcile(ManagedGroup group, List<Policy> policies, Map<MetricQuery, MetricWindow> windows,
			Instant now) {
		Timer.Sample sample = this.metrics.startEvaluation();
		Decision decision = this.decisions.save(decide(group, policies, windows, now));
		this.metrics.evaluated(sample, decision);
		this.events.publishEvent(new DecisionRecorded(decision));
		return decision;
	}

	private Decision decide(ManagedGroup group, List<Policy> policies, Map<MetricQuery, MetricWindow> windows,
			Instant now) {
		FleetTarget target = new FleetTarget(group.region(), group.autoScalingGroupName());
		FleetState state;
		try {
			state = this.fleet.describe(target);
		}
		catch (RuntimeException ex) {
			String error = "could not read Auto Scaling Group " + target.autoScalingGroupName() + ": " + ex.getMessage();
			return new Decision(null, group.name(), now, group.mode(), 0, 0, null, 0, Direction.NONE,
					Action.NOT_EVALUATED, Outcome.FAILED, error, error, toJson(new DecisionDetail(List.of(),
							List.of(), List.of(), new Reason("fleet.unreadable", error, Map.of()), List.of())));
		}
		List<Reason> notes = new ArrayList<>();
		History history = history(group, state, now, notes);
		Map<MetricQuery, MetricWindow> used = windowsOf(policies, windows, now);
		Evaluation evaluation = this.engine.evaluate(new EvaluationInput(group.settings(), state, used, policies,
				history, this.leaseFloors.activeFloors(group.name(), now), now));
		return act(group, target, state, evaluation, used, notes, now);
	}

	private Decision act(ManagedGroup group, FleetTarget target, FleetState state, Evaluation evaluation,
			Map<MetricQuery, MetricWindow> used, List<Reason> notes, Instant now) {
		Action action;
		Outcome outcome;
		String error = null;
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
		return new Decision(null, group.name(), now, group.mode(), state.desiredCapacity(),
				(int) state.servingCount(), evaluation.combined(),
				evaluation.desired(), evaluation.direction(), action, outcome, error, summaryOf(evaluation, action, error),
				toJson(detail));
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
	private History history(ManagedGroup group, FleetState state, Instant now, List<Reason> notes) {
		List<Decision> past = this.decisions.findSince(group.name(), now.minus(this.properties.history()));
		List<History.PastRecommendation> recommendations = new ArrayList<>();
		List<History.PastAction> actions = new ArrayList<>();
		for (Decision decision : past) {
			if (decision.combinedRecommendation() != null) {
				recommendations.add(new History.PastRecommendation(decision.evaluatedAt(),
						decision.combinedRecommendation()));
			}
			if (decision.resultingCapacity() != decision.currentCapacity()) {
				actions.add(new History.PastAction(decision.evaluatedAt(), decision.currentCapacity(),
						decision.resultingCapacity()));
			}
		}
		if (!past.isEmpty() && past.getLast().action() != Action.NOT_EVALUATED) {
			int expected = past.getLast().resultingCapacity();
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
	private static String summaryOf(Evaluation evaluation, Action action, String error) {
		String decided = evaluation.summary().message();
		return switch (action) {
			case SET_DESIRED_CAPACITY -> (error == null) ? decided : decided + " — " + error;
			case DRY_RUN -> "dry-run, fleet left alone: " + decided;
			case NONE, NOT_EVALUATED -> decided;
		};
	}

	private String toJson(DecisionDetail detail) {
		return this.json.writeValueAsString(detail);
	}

}
