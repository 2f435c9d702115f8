package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.capacitypilot.actuation.Victims;
import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.Reason;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.groups.Actuation;
import io.capacitypilot.groups.Actuation.VictimSelection;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.metrics.InstanceLoads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VictimChoiceTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private static final ScrapeQuery BUSY = new ScrapeQuery("worker_busy", Map.of(), "avg", Duration.ofSeconds(15),
			"web");

	private static final CloudWatchQuery CPU = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
			Map.of("AutoScalingGroupName", "web"), "Average", Duration.ofMinutes(1));

	// Launched in the order of their names: a, b, c.
	private static final List<Instance> INSTANCES = List.of(instance("i-a", 0), instance("i-b", 1),
			instance("i-c", 2));

	private final List<Reason> notes = new ArrayList<>();

	@Test
	void leastLoadedGoesByTheGroupsFirstScrapePolicyOnItsOwnInstances() {
		ScrapeQuery otherGroup = BUSY.forGroup("batch");
		ScrapeQuery requests = new ScrapeQuery("http_requests", Map.of(), "sum", Duration.ofSeconds(15), "web");
		InstanceLoads loads = (query, now) -> query.equals(BUSY)
				? Map.of("i-a", 30.0, "i-b", 5.0, "i-c", 20.0) : Map.of("i-a", 0.0);
		Victims victims = new VictimChoice(loads).choose(group(VictimSelection.LEAST_LOADED),
				List.of(policy(CPU), policy(otherGroup), policy(BUSY), policy(requests)), INSTANCES, 2, this.notes,
				NOW);

		assertThat(victims.ids()).containsExactly("i-b", "i-c");
		assertThat(this.notes).singleElement().satisfies((note) -> {
			assertThat(note.code()).isEqualTo("scale-in.victims");
			assertThat(note.message()).isEqualTo("victims chosen by least-loaded: [i-b, i-c], loads [5.0, 20.0]");
			assertThat(note.figures()).containsEntry("loads", Map.of("i-b", 5.0, "i-c", 20.0));
		});
	}

	@Test
	void withoutAScrapePolicyLeastLoadedSaysSoAndTakesTheOldest() {
		InstanceLoads loads = (query, now) -> Map.of("i-c", 0.0);
		Victims victims = new VictimChoice(loads).choose(group(VictimSelection.LEAST_LOADED), List.of(policy(CPU)),
				INSTANCES, 1, this.notes, NOW);

		assertThat(victims.ids()).containsExactly("i-a");
		assertThat(this.notes).extracting(Reason::code)
			.containsExactly("scale-in.least-loaded-unavailable", "scale-in.victims");
		assertThat(this.notes.getFirst().message())
			.isEqualTo("no policy of the group reads a scrape query of its instances: the victims are chosen as by oldest");
		assertThat(this.notes.getLast().message()).isEqualTo("victims chosen by oldest: [i-a]");
	}

	@Test
	void withoutAFreshLoadOfAnyInstanceLeastLoadedSaysSoAndTakesTheOldest() {
		// Values of instances that have left the group say nothing about those in it.
		InstanceLoads loads = (query, now) -> Map.of("i-gone", 1.0);
		Victims victims = new VictimChoice(loads).choose(group(VictimSelection.LEAST_LOADED), List.of(policy(BUSY)),
				INSTANCES, 1, this.notes, NOW);

		assertThat(victims.ids()).containsExactly("i-a");
		assertThat(this.notes.getFirst().code()).isEqualTo("scale-in.least-loaded-unavailable");
		assertThat(this.notes.getFirst().message()).startsWith("no instance of the group has a fresh value of worker_busy");
	}

	@Test
	void theLoadOfAProtectedInstanceAloneOrdersNothing() {
		List<Instance> instances = List.of(instance("i-a", 0), instance("i-b", 1),
				new Instance("i-kept", "us-east-1a", LifecycleState.IN_SERVICE, true, true, NOW));
		InstanceLoads loads = (query, now) -> Map.of("i-kept", 1.0);
		Victims victims = new VictimChoice(loads).choose(group(VictimSelection.LEAST_LOADED), List.of(policy(BUSY)),
				instances, 1, this.notes, NOW);
		assertThat(victims.ids()).containsExactly("i-a");
		assertThat(this.notes).extracting(Reason::code)
			.containsExactly("scale-in.least-loaded-unavailable", "scale-in.victims");
	}

	@Test
	void otherStrategiesDoNotReadTheLoad() {
		InstanceLoads loads = (query, now) -> {
			throw new AssertionError("read the load of " + query);
		};
		Victims victims = new VictimChoice(loads).choose(group(VictimSelection.NEWEST), List.of(policy(BUSY)),
				INSTANCES, 1, this.notes, NOW);
		assertThat(victims.ids()).containsExactly("i-c");
		assertThat(this.notes).extracting(Reason::message).containsExactly("victims chosen by newest: [i-c]");
	}

	@Test
	void tooFewUnprotectedInstancesAreNoted() {
		List<Instance> instances = List.of(instance("i-a", 0),
				new Instance("i-kept", "us-east-1a", LifecycleState.IN_SERVICE, true, true, NOW));
		Victims victims = new VictimChoice(InstanceLoads.NONE).choose(group(VictimSelection.OLDEST), List.of(),
				instances, 2, this.notes, NOW);
		assertThat(victims.ids()).containsExactly("i-a");
		assertThat(this.notes).extracting(Reason::code).containsExactly("scale-in.too-few-unprotected", "scale-in.victims");
	}

	private static ManagedGroup group(VictimSelection selection) {
		return new ManagedGroup("web", "web-asg", "us-east-1", null, null, Duration.ofSeconds(15), Mode.ACTIVE,
				Behavior.NONE, false, new Actuation(null, null, new Actuation.ScaleIn(selection, null)), null, NOW, NOW);
	}

	private static Policy policy(MetricQuery metric) {
		return new TargetTrackingPolicy("tt", metric, 50, Duration.ZERO, false, null, null, null);
	}

	private static Instance instance(String id, int launchOrder) {
		return new Instance(id, "us-east-1a", LifecycleState.IN_SERVICE, true, false,
				NOW.minus(Duration.ofMinutes(10 - launchOrder)));
	}

}
