package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatedGroupTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration BOOT = Duration.ofSeconds(30);

	private final SimulatedGroup group = new SimulatedGroup("web", 1, 10, 2, () -> BOOT, Duration.ofSeconds(20),
			Duration.ofHours(1), START);

	@Test
	void initialInstancesServeFromTheStart() {
		FleetState state = this.group.state(START);
		assertThat(state.desiredCapacity()).isEqualTo(2);
		assertThat(state.servingCount()).isEqualTo(2);
		assertThat(state.instances()).extracting(Instance::lifecycle).containsOnly(LifecycleState.IN_SERVICE);
	}

	@Test
	void launchedInstancesArePendingForTheBootTime() {
		Instant scaleOut = START.plusSeconds(100);
		this.group.setDesiredCapacity(5, scaleOut);

		FleetState booting = this.group.state(scaleOut.plus(BOOT).minusMillis(1));
		assertThat(booting.desiredCapacity()).isEqualTo(5);
		assertThat(booting.instances()).hasSize(5);
		assertThat(booting.servingCount()).isEqualTo(2);
		assertThat(booting.instances()).filteredOn((instance) -> instance.lifecycle() == LifecycleState.PENDING)
			.hasSize(3)
			.allSatisfy((instance) -> assertThat(instance.launchTime()).isEqualTo(scaleOut));

		FleetState booted = this.group.state(scaleOut.plus(BOOT));
		assertThat(booted.servingCount()).isEqualTo(5);
		assertThat(booted.instances()).extracting(Instance::healthy).containsOnly(true);
	}

	@Test
	void scaleInRemovesTheNewestFirstAndBillsItWhileItDrains() {
		this.group.setDesiredCapacity(3, START.plusSeconds(60));
		this.group.setDesiredCapacity(4, START.plusSeconds(120));
		Instant scaleIn = START.plusSeconds(600);
		this.group.setDesiredCapacity(2, scaleIn);

		FleetState draining = this.group.state(scaleIn);
		assertThat(draining.servingCount()).isEqualTo(2);
		assertThat(draining.instances()).filteredOn((instance) -> instance.lifecycle() == LifecycleState.TERMINATING)
			.extracting(Instance::launchTime)
			.containsExactlyInAnyOrder(START.plusSeconds(60), START.plusSeconds(120));
		assertThat(this.group.billedAt(scaleIn.plusSeconds(19))).isEqualTo(4);
		assertThat(this.group.billedAt(scaleIn.plusSeconds(20))).isEqualTo(2);
		assertThat(this.group.state(scaleIn.plusSeconds(20)).instances()).hasSize(2);
	}

	@Test
	void scaleInCancelsInstancesStillBooting() {
		this.group.setDesiredCapacity(4, START.plusSeconds(60));
		this.group.setDesiredCapacity(2, START.plusSeconds(70));

		assertThat(this.group.servingAt(START.plusSeconds(60).plus(BOOT))).isEqualTo(2);
	}

	@Test
	void remembersWhatServedInThePast() {
		this.group.setDesiredCapacity(4, START.plusSeconds(60));
		this.group.setDesiredCapacity(1, START.plusSeconds(300));

		assertThat(this.group.servingAt(START.plusSeconds(89))).isEqualTo(2);
		assertThat(this.group.servingAt(START.plusSeconds(90))).isEqualTo(4);
		assertThat(this.group.servingAt(START.plusSeconds(299))).isEqualTo(4);
		assertThat(this.group.servingAt(START.plusSeconds(300))).isEqualTo(1);
	}

	@Test
	void settingTheSameCapacityChangesNothing() {
		FleetState before = this.group.state(START.plusSeconds(10));
		this.group.setDesiredCapacity(2, START.plusSeconds(10));
		assertThat(this.group.state(START.plusSeconds(10))).isEqualTo(before);
	}

	@Test
	void rejectsACapacityOutsideItsBoundsAsAwsDoes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.group.setDesiredCapacity(11, START))
			.withMessageContaining("outside the bounds [1, 10]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.group.setDesiredCapacity(0, START));
	}

}
