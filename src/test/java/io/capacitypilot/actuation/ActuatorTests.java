package io.capacitypilot.actuation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.capacitypilot.actuation.ActuationStep.State;
import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.TargetGroup;
import io.capacitypilot.fleet.TargetState;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.fleet.sim.SimulationProperties;
import io.capacitypilot.groups.Actuation;
import io.capacitypilot.groups.Actuation.Registration;
import io.capacitypilot.groups.Actuation.VictimSelection;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.testsupport.MutableClock;
import io.capacitypilot.testsupport.FreshSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-in state machine in time we control: the simulated fleet drains a deregistered target
 * for its deregistration delay, and each {@link Actuator#advance} is one tick of the control loop.
 */
class ActuatorTests {

	private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

	private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123abcd";

	private static final List<Actuation.TargetGroup> OWNED = List.of(new Actuation.TargetGroup(ARN, 8080));

	private static final FleetTarget TARGET = new FleetTarget("sim", "web");

	private final MutableClock clock = new MutableClock(START);

	private SimulatedFleet fleet;

	private ActuationStepRepository steps;

	private Actuator actuator;

	@BeforeEach
	void freshFleetAndDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:actuator;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		FreshSchema.on(dataSource);
		this.steps = new ActuationStepRepository(JdbcClient.create(dataSource));
		this.fleet = new SimulatedFleet(this.clock, LoadTrace.of(Instant.EPOCH, Duration.ofMinutes(1), 100),
				new SimulationProperties(Duration.ZERO, 100, null, Instant.EPOCH, 1, 1, 3, 1, 10));
		this.actuator = new Actuator(this.fleet, this.steps, new ActuationProperties(5, Duration.ofMinutes(5)));
	}

	@Test
	void aVictimDrainsForTheDeregistrationDelayBeforeItIsTerminated() {
		ManagedGroup group = group(new Actuation(Registration.CONTROLLER_MANAGED, OWNED, null));
		assertThat(this.actuator.registerNew(group, TARGET, this.fleet.describe(TARGET))).hasSize(3);
		String victim = startScaleIn(group, 1).getFirst();

		assertThat(onlyStep().state()).isEqualTo(State.DRAINING);
		assertThat(this.fleet.targetHealth(TARGET, targetGroup())).containsEntry(victim, TargetState.DRAINING);
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(this.actuator.advance(group, TARGET, 1L, this.clock.instant()).inProgress()).isTrue();
		assertThat(members()).contains(victim);

		this.clock.advance(Duration.ofSeconds(11));
		Actuator.Progress progress = this.actuator.advance(group, TARGET, 2L, this.clock.instant());
		assertThat(progress.inProgress()).isFalse();
		assertThat(progress.completed()).containsExactly(new Actuator.Completed(1, false, null));
		assertThat(onlyStep().history()).extracting(ActuationStep.Transition::state)
			.containsExactly(State.PLANNED, State.DEREGISTERING, State.DRAINING, State.TERMINATING, State.DONE);
		assertThat(onlyStep().history().get(3).note()).isEqualTo("no longer draining in any target group");
		assertThat(members()).doesNotContain(victim);
		assertThat(this.fleet.describe(TARGET).desiredCapacity()).isEqualTo(2);
		assertThat(this.actuator.terminatedAfter("web", 2)).isEqualTo(1);
	}

	@Test
	void theDrainTimeoutCutsTheWaitShort() {
		ManagedGroup group = group(new Actuation(Registration.CONTROLLER_MANAGED, OWNED,
				new Actuation.ScaleIn(VictimSelection.OLDEST, Duration.ofSeconds(5))));
		this.actuator.registerNew(group, TARGET, this.fleet.describe(TARGET));
		String victim = startScaleIn(group, 1).getFirst();

		this.clock.advance(Duration.ofSeconds(5));
		this.actuator.advance(group, TARGET, 1L, this.clock.instant());
		assertThat(onlyStep().state()).isEqualTo(State.DONE);
		assertThat(onlyStep().history().get(3).note()).startsWith("still draining, but the wait");
		assertThat(members()).doesNotContain(victim);
	}

	@Test
	void aDrainingVictimIsNeitherRegisteredAgainNorChosenTwice() {
		ManagedGroup group = group(new Actuation(Registration.CONTROLLER_MANAGED, OWNED, null));
		this.actuator.registerNew(group, TARGET, this.fleet.describe(TARGET));
		String victim = startScaleIn(group, 1).getFirst();

		assertThat(this.actuator.registerNew(group, TARGET, this.fleet.describe(TARGET))).isEmpty();
		assertThat(this.fleet.targetHealth(TARGET, targetGroup())).containsEntry(victim, TargetState.DRAINING);
		// Advancing again and again while it drains takes no further step.
		for (int tick = 0; tick < 5; tick++) {
			this.clock.advance(Duration.ofSeconds(1));
			this.actuator.advance(group, TARGET, 1L, this.clock.instant());
		}
		assertThat(onlyStep().state()).isEqualTo(State.DRAINING);
		assertThat(this.fleet.describe(TARGET).desiredCapacity()).isEqualTo(3);
	}

	@Test
	void anAsgManagedGroupTerminatesAtOnceWithoutTouchingTargetGroups() {
		ManagedGroup group = group(new Actuation(Registration.ASG_MANAGED, List.of(),
				new Actuation.ScaleIn(VictimSelection.NEWEST, null)));
		List<String> victims = startScaleIn(group, 2);

		assertThat(this.steps.findByDecision(1)).allSatisfy((step) -> assertThat(step.history())
			.extracting(ActuationStep.Transition::state)
			.containsExactly(State.PLANNED, State.TERMINATING, State.DONE));
		assertThat(members()).doesNotContainAnyElementsOf(victims);
		assertThat(this.fleet.describe(TARGET).desiredCapacity()).isEqualTo(1);
	}

	@Test
	void aVictimThatAlreadyLeftIsNotTerminatedAgain() {
		ManagedGroup group = group(new Actuation(Registration.CONTROLLER_MANAGED, OWNED,
				new Actuation.ScaleIn(VictimSelection.OLDEST, Duration.ofSeconds(1))));
		this.actuator.registerNew(group, TARGET, this.fleet.describe(TARGET));
		String victim = startScaleIn(group, 1).getFirst();
		// Someone (or an earlier call whose answer was lost) terminated it meanwhile.
		this.fleet.terminate(TARGET, victim);

		this.clock.advance(Duration.ofSeconds(1));
		this.actuator.advance(group, TARGET, 1L, this.clock.instant());
		assertThat(onlyStep().state()).isEqualTo(State.DONE);
		assertThat(onlyStep().history().getLast().note()).startsWith("already left the group");
		assertThat(this.fleet.describe(TARGET).desiredCapacity()).isEqualTo(2);
	}

	private List<String> startScaleIn(ManagedGroup group, int count) {
		FleetState state = this.fleet.describe(TARGET);
		Victims victims = Victims.choose(state.instances(), count, group.actuation().scaleIn().victimSelection(),
				Map.of());
		this.actuator.startScaleIn(group, TARGET, 1, victims, this.clock.instant());
		return victims.ids();
	}

	private ActuationStep onlyStep() {
		List<ActuationStep> all = this.steps.findByDecision(1);
		assertThat(all).hasSize(1);
		return all.getFirst();
	}

	/** The group's instances (the simulated group lets a terminated one go at once). */
	private List<String> members() {
		return this.fleet.describe(TARGET).instances().stream().map(Instance::id).toList();
	}

	private static TargetGroup targetGroup() {
		return new TargetGroup(ARN, 8080);
	}

	private static ManagedGroup group(Actuation actuation) {
		return new ManagedGroup("web", "web", "sim", null, null, Duration.ofSeconds(10), Mode.ACTIVE, Behavior.NONE,
				false, actuation, null, START, START);
	}

}
