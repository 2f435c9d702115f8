package io.capacitypilot.actuation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.groups.Actuation.VictimSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class VictimsTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void azBalancedTakesFromTheFullestZoneOldestFirst() {
		List<Instance> instances = List.of(instance("a1", "1a", 1), instance("a2", "1a", 2), instance("a3", "1a", 3),
				instance("b1", "1b", 0), instance("b2", "1b", 4));
		Victims victims = Victims.choose(instances, 2, VictimSelection.AZ_BALANCED, Map.of());
		// 1a has three: its oldest goes; then both zones have two, and the older of their oldest goes.
		assertThat(victims.ids()).containsExactly("a1", "b1");
		assertThat(victims.tooFew()).isFalse();
	}

	@Test
	void oldestAndNewestFollowLaunchTime() {
		List<Instance> instances = List.of(instance("mid", "1a", 5), instance("old", "1a", 1), instance("new", "1b", 9));
		assertThat(Victims.choose(instances, 1, VictimSelection.OLDEST, Map.of()).ids()).containsExactly("old");
		assertThat(Victims.choose(instances, 1, VictimSelection.NEWEST, Map.of()).ids()).containsExactly("new");
	}

	@Test
	void leastLoadedUsesTheLoadAndFallsBackToTheOldestWithout() {
		List<Instance> instances = List.of(instance("busy", "1a", 1), instance("idle", "1a", 5),
				instance("unknown", "1a", 0));
		assertThat(Victims.choose(instances, 1, VictimSelection.LEAST_LOADED, Map.of("busy", 0.9, "idle", 0.1)).ids())
			.containsExactly("idle");
		assertThat(Victims.choose(instances, 1, VictimSelection.LEAST_LOADED, Map.of()).ids()).containsExactly("unknown");
	}

	@Test
	void leastLoadedTakesTheInstancesWithoutALoadOnlyAfterEveryOneWithIt() {
		List<Instance> instances = List.of(instance("silent", "1a", 0), instance("busy", "1a", 2),
				instance("idle", "1b", 9), instance("half", "1b", 5));
		Map<String, Double> load = Map.of("busy", 80.0, "idle", 3.5, "half", 40.0);
		assertThat(Victims.choose(instances, 3, VictimSelection.LEAST_LOADED, load).ids())
			.containsExactly("idle", "half", "busy");
		assertThat(Victims.choose(instances, 4, VictimSelection.LEAST_LOADED, load).ids()).endsWith("silent");
	}

	@Test
	void anInstanceThatDoesNotServeGoesFirst() {
		Instance booting = new Instance("booting", "1a", LifecycleState.PENDING, false, false, T0.plusSeconds(100));
		List<Instance> instances = List.of(instance("old", "1a", 1), booting);
		assertThat(Victims.choose(instances, 1, VictimSelection.OLDEST, Map.of()).ids()).containsExactly("booting");
	}

	@ParameterizedTest
	@EnumSource(VictimSelection.class)
	void protectedAndLeavingInstancesAreNeverChosen(VictimSelection selection) {
		Instance guarded = new Instance("guarded", "1a", LifecycleState.IN_SERVICE, true, true, T0);
		Instance leaving = new Instance("leaving", "1a", LifecycleState.TERMINATING, true, false, T0);
		List<Instance> instances = List.of(guarded, leaving, instance("free", "1b", 5));
		Victims victims = Victims.choose(instances, 2, selection, Map.of("guarded", 0.0, "leaving", 0.0));
		assertThat(victims.ids()).containsExactly("free");
		assertThat(victims.tooFew()).isTrue();
		assertThat(victims.protectedCount()).isEqualTo(1);
	}

	private static Instance instance(String id, String zone, int launchedMinutesAfterT0) {
		return new Instance(id, zone, LifecycleState.IN_SERVICE, true, false, T0.plusSeconds(60L * launchedMinutesAfterT0));
	}

}
