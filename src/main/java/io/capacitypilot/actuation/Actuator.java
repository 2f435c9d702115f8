package io.capacitypilot.actuation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.actuation.ActuationStep.State;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.engine.Reason;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.TargetGroup;
import io.capacitypilot.fleet.TargetState;
import io.capacitypilot.groups.Actuation;
import io.capacitypilot.groups.GroupDeleted;
import io.capacitypilot.groups.ManagedGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries out what the control loop decided beyond a new desired capacity: removes chosen victims
 * one step at a time (deregister, wait for draining, terminate with decrement), registers new
 * instances in the target groups Capacity Pilot owns, and watches for other controllers of the
 * same group. A scale-in advances on every tick of its group and never blocks one: the wait for
 * draining is a state, not a sleep.
 */
@Component
@EnableConfigurationProperties(ActuationProperties.class)
public class Actuator {

	private static final Log logger = LogFactory.getLog(Actuator.class);

	private final Fleet fleet;

	private final ActuationStepRepository steps;

	private final ActuationProperties properties;

	private final Map<String, CachedPolicies> nativePolicies = new ConcurrentHashMap<>();

	Actuator(Fleet fleet, ActuationStepRepository steps, ActuationProperties properties) {
		this.fleet = fleet;
		this.steps = steps;
		this.properties = properties;
	}

	/** Whether victims are chosen here; otherwise SetDesiredCapacity lets the ASG choose. */
	public boolean choosesVictims(ManagedGroup group) {
		// The ASG's own default termination policy balances zones and respects protection: with no
		// other preference and nothing to drain, leaving the choice to it is one call instead of many.
		Actuation actuation = group.actuation();
		return actuation.controllerManaged()
				|| actuation.scaleIn().victimSelection() != Actuation.VictimSelection.AZ_BALANCED;
	}

	/** Stores a scale-in's victims as planned steps of its decision and takes their first step. */
	public Progress startScaleIn(ManagedGroup group, FleetTarget target, long decisionId, Victims victims,
			Instant now) {
		String note = "chosen by " + victims.selection() + " among " + victims.wanted() + " wanted";
		for (String instanceId : victims.ids()) {
			this.steps.insert(ActuationStep.planned(decisionId, group.name(), instanceId, note, now));
		}
		return advance(group, target, decisionId, now);
	}

	/**
	 * Moves the group's unfinished scale-in as far as it can go now.
	 * @param latestDecisionId the group's newest stored decision, or {@code null}
	 */
	public Progress advance(ManagedGroup group, FleetTarget target, Long latestDecisionId, Instant now) {
		List<ActuationStep> unfinished = this.steps.findUnfinished(group.name());
		if (unfinished.isEmpty()) {
			return Progress.IDLE;
		}
		// One read of the group for all steps: membership is checked before every termination.
		FleetState state = this.fleet.describe(target);
		Set<Long> touched = new HashSet<>();
		Set<Long> moved = new TreeSet<>();
		for (ActuationStep step : unfinished) {
			touched.add(step.decisionId());
			try {
				if (!advance(group, target, state, step, latestDecisionId, now).equals(step)) {
					moved.add(step.decisionId());
				}
			}
			catch (RuntimeException ex) {
				failed(step, ex, now);
				moved.add(step.decisionId());
			}
		}
		List<ActuationStep> remaining = this.steps.findUnfinished(group.name());
		List<Completed> completed = touched.stream()
			.filter((decisionId) -> remaining.stream().noneMatch((step) -> step.decisionId() == decisionId))
			.sorted()
			.map((decisionId) -> Completed.of(decisionId, this.steps.findByDecision(decisionId)))
			.toList();
		return new Progress(remaining, completed, List.copyOf(moved));
	}

	/** Takes one step as far as it goes now; returns it as stored. */
	private ActuationStep advance(ManagedGroup group, FleetTarget target, FleetState state, ActuationStep planned,
			Long latestDecisionId, Instant now) {
		ActuationStep step = planned;
		List<TargetGroup> targetGroups = targetGroups(group);
		if (step.state() == State.PLANNED) {
			step = this.steps.update(group.actuation().controllerManaged()
					? step.moveTo(State.DEREGISTERING, "deregistering from " + targetGroups.size() + " target group(s)", now)
					: step.moveTo(State.TERMINATING, "the ASG drains its attached target groups itself", now));
		}
		if (step.state() == State.DEREGISTERING) {
			Duration delay = Duration.ZERO;
			for (TargetGroup targetGroup : targetGroups) {
				this.fleet.deregister(target, targetGroup, List.of(step.instanceId()));
				delay = max(delay, this.fleet.deregistrationDelay(target, targetGroup));
			}
			Duration timeout = group.actuation().scaleIn().drainTimeout();
			Duration wait = (timeout != null && timeout.compareTo(delay) < 0) ? timeout : delay;
			step = this.steps.update(step.moveTo(State.DRAINING, "deregistered; draining for at most " + wait, now)
				.drainingUntil(now.plus(wait)));
		}
		if (step.state() == State.DRAINING) {
			Optional<String> done = drained(target, targetGroups, step, now);
			if (done.isEmpty()) {
				return step;
			}
			step = this.steps.update(step.moveTo(State.TERMINATING, done.get(), now));
		}
		if (step.state() == State.TERMINATING) {
			step = terminate(target, state, step, latestDecisionId, now);
		}
		return step;
	}

	private Optional<String> drained(FleetTarget target, List<TargetGroup> targetGroups, ActuationStep step,
			Instant now) {
		boolean draining = targetGroups.stream()
			.map((targetGroup) -> this.fleet.targetHealth(target, targetGroup).get(step.instanceId()))
			.anyMatch((state) -> state == TargetState.DRAINING);
		if (!draining) {
			return Optional.of("no longer draining in any target group");
		}
		if (!now.isBefore(step.drainUntil())) {
			return Optional.of("still draining, but the wait of its deregistration delay is over");
		}
		return Optional.empty();
	}

	/**
	 * Terminates the victim unless it already left the group: a termination repeated after a timeout
	 * (the first call may have gone through) must not take a second instance with it, and the
	 * decrement makes sure no replacement is launched.
	 */
	private ActuationStep terminate(FleetTarget target, FleetState state, ActuationStep step, Long latestDecisionId,
			Instant now) {
		Optional<Instance> instance = state.instances()
			.stream()
			.filter((candidate) -> candidate.id().equals(step.instanceId()))
			.findFirst();
		if (instance.isEmpty() || !instance.get().lifecycle().countsTowardCapacity()) {
			// Only our earlier call sends a chosen victim away this quickly: count it as ours.
			return this.steps.update(step.moveTo(State.DONE, "already left the group ("
					+ instance.map(Instance::lifecycle).map(LifecycleState::name).orElse("gone") + ")", now)
				.terminatedAfter(latestDecisionId));
		}
		if (instance.get().protectedFromScaleIn()) {
			return this.steps
				.update(step.moveTo(State.FAILED, "protected from scale-in since it was chosen: left alone", now));
		}
		this.fleet.terminate(target, step.instanceId());
		return this.steps.update(step.moveTo(State.DONE, "terminated, desired capacity lowered by one", now)
			.terminatedAfter(latestDecisionId));
	}

	private void failed(ActuationStep step, RuntimeException ex, Instant now) {
		// The step may have moved on before the failure: continue from what is stored.
		ActuationStep current = this.steps.findByDecision(step.decisionId())
			.stream()
			.filter((stored) -> stored.id().equals(step.id()))
			.findFirst()
			.orElse(step);
		String failure = current.state().name().toLowerCase(Locale.ROOT) + " " + step.instanceId() + " failed: "
				+ ex.getMessage();
		logger.warn("Scale-in step of group '" + step.groupName() + "': " + failure);
		ActuationStep attempted = current.failedAttempt(failure, now);
		this.steps.update((attempted.attempts() >= this.properties.maxAttempts()) ? attempted.givenUp(now) : attempted);
	}

	/**
	 * Registers the group's InService instances that are missing from a target group it owns; an
	 * instance on its way out is left out. Returns the instances registered.
	 */
	public List<String> registerNew(ManagedGroup group, FleetTarget target, FleetState state) {
		if (!group.actuation().controllerManaged()) {
			return List.of();
		}
		Set<String> leaving = new HashSet<>();
		this.steps.findUnfinished(group.name()).forEach((step) -> leaving.add(step.instanceId()));
		List<String> registered = new ArrayList<>();
		for (TargetGroup targetGroup : targetGroups(group)) {
			Map<String, TargetState> targets = this.fleet.targetHealth(target, targetGroup);
			List<String> missing = state.instances()
				.stream()
				.filter((instance) -> instance.lifecycle() == LifecycleState.IN_SERVICE)
				.map(Instance::id)
				.filter((id) -> !leaving.contains(id))
				.filter((id) -> targets.get(id) == null || !targets.get(id).registered())
				.toList();
			this.fleet.register(target, targetGroup, missing);
			missing.stream().filter((id) -> !registered.contains(id)).forEach(registered::add);
		}
		return registered;
	}

	/** A warning when the ASG has scaling policies of its own, read at most every few minutes. */
	public Optional<Reason> nativePoliciesWarning(ManagedGroup group, FleetTarget target, Instant now) {
		CachedPolicies cached = this.nativePolicies.get(group.name());
		if (cached == null || !cached.target().equals(target)
				|| !now.isBefore(cached.readAt().plus(this.properties.nativePoliciesCacheTtl()))) {
			cached = new CachedPolicies(target, this.fleet.nativeScalingPolicies(target), now);
			this.nativePolicies.put(group.name(), cached);
		}
		if (cached.names().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Reason("fleet.native-policies", "the Auto Scaling Group also has scaling policies of its own "
				+ cached.names() + ": two controllers of one capacity fight; delete or disable them",
				Map.of("policies", cached.names())));
	}

	/** Each target group the group owns, with the state of each of its targets by instance id. */
	public Map<String, Map<String, TargetState>> targetHealth(ManagedGroup group, FleetTarget target) {
		Map<String, Map<String, TargetState>> health = new LinkedHashMap<>();
		targetGroups(group).forEach((targetGroup) -> health.put(targetGroup.arn(),
				new TreeMap<>(this.fleet.targetHealth(target, targetGroup))));
		return health;
	}

	/** The group's victims still on their way out. */
	public List<ActuationStep> leaving(String groupName) {
		return this.steps.findUnfinished(groupName);
	}

	/** The decisions whose scale-ins are still removing victims, in any group. */
	public List<Long> scaleInsUnderWay() {
		return this.steps.findDecisionsUnderWay();
	}

	/** The steps of a decision, for its explanation. */
	public List<ActuationStep> stepsOf(long decisionId) {
		return this.steps.findByDecision(decisionId);
	}

	/**
	 * How many instances were terminated after the given decision read the group's desired capacity:
	 * the decrements the next reading must not mistake for someone else's change.
	 */
	public int terminatedAfter(String groupName, long decisionId) {
		return this.steps.countTerminatedAfter(groupName, decisionId);
	}

	@EventListener
	void groupDeleted(GroupDeleted deleted) {
		this.nativePolicies.remove(deleted.name());
		this.steps.deleteByGroup(deleted.name());
	}

	private static List<TargetGroup> targetGroups(ManagedGroup group) {
		return group.actuation()
			.targetGroups()
			.stream()
			.map((targetGroup) -> new TargetGroup(targetGroup.arn(), targetGroup.port()))
			.toList();
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private record CachedPolicies(FleetTarget target, List<String> names, Instant readAt) {
	}

	/**
	 * Where a group's scale-in stands after a tick.
	 *
	 * @param unfinished the steps still under way: no new action for the group until they are done
	 * @param completed the decisions whose steps all finished in this tick
	 * @param moved the decisions whose steps moved on (or failed an attempt) in this tick, by id
	 */
	public record Progress(List<ActuationStep> unfinished, List<Completed> completed, List<Long> moved) {

		static final Progress IDLE = new Progress(List.of(), List.of(), List.of());

		public boolean inProgress() {
			return !this.unfinished.isEmpty();
		}

	}

	/** A decision whose steps all finished, and whether every victim went. */
	public record Completed(long decisionId, boolean failed, String error) {

		static Completed of(long decisionId, List<ActuationStep> steps) {
			List<String> errors = steps.stream()
				.filter((step) -> step.state() == State.FAILED)
				.sorted(Comparator.comparing(ActuationStep::id))
				.map((step) -> (step.error() != null) ? step.error() : step.instanceId() + ": " + step.history().getLast().note())
				.toList();
			return new Completed(decisionId, !errors.isEmpty(), errors.isEmpty() ? null : String.join("; ", errors));
		}

	}

}
