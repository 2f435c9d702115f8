package io.capacitypilot.leases;

import java.time.Duration;
import java.util.List;

import io.capacitypilot.control.Decision;
import io.capacitypilot.control.DecisionRepository;
import io.capacitypilot.engine.Mode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lease through the whole control cycle on the simulated fleet: the floor raises the desired
 * capacity, the lease is ready only once the new instances have booted, and when the floor goes
 * the group is left to its policies. The test drives the control loop's ticks itself.
 */
class LeaseScaleOutTests extends LeaseTestSupport {

	@Autowired
	DecisionRepository decisions;

	@Test
	void aLeaseRaisesTheCapacityAndIsReadyOnceTheInstancesServe() {
		String group = createGroup();
		Lease lease = acquire(group, leaseRequest(5, "PT30M", null), HttpStatus.CREATED);
		assertThat(lease.state()).isEqualTo(LeaseState.PROVISIONING);

		this.controlLoop.tick(this.clock.instant());
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).isEqualTo(5);
		Decision decision = lastDecision(group);
		assertThat(decision.desiredCapacity()).isEqualTo(5);
		assertThat(decision.detail()).as("the decision names the lease as the reason")
			.contains("lease " + lease.id() + " holds at least 5");

		observeFleets();
		assertThat(get(group, lease.id())).as("launched, still booting")
			.extracting(Lease::state, Lease::healthy)
			.containsExactly(LeaseState.PROVISIONING, 2);
		bootAndObserveFleets();
		assertThat(get(group, lease.id())).extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(LeaseState.READY, 5, 5);
	}

	@Test
	void theLargestLeaseWins() {
		String group = createGroup();
		acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		Lease largest = acquire(group, leaseRequest(6, "PT30M", null), HttpStatus.CREATED);
		acquire(group, leaseRequest(3, "PT30M", null), HttpStatus.CREATED);
		this.controlLoop.tick(this.clock.instant());
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).isEqualTo(6);
		assertThat(lastDecision(group).detail()).contains("lease " + largest.id());
	}

	@Test
	void aReleasedOrExpiredLeaseNoLongerHoldsTheGroup() {
		String group = createGroup();
		Lease released = acquire(group, leaseRequest(5, "PT30M", null), HttpStatus.CREATED);
		Lease expiring = acquire(group, leaseRequest(4, "PT5M", null), HttpStatus.CREATED);
		this.controlLoop.tick(this.clock.instant());
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).isEqualTo(5);

		release(group, released.id());
		this.controlLoop.tick(this.clock.instant());
		assertThat(this.fleet.describe(target(group)).desiredCapacity())
			.as("no policy asks to scale in, so the capacity stays")
			.isEqualTo(5);
		scaledByHand(group, 2);
		this.controlLoop.tick(this.clock.advance(INTERVAL));
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).as("the remaining lease holds").isEqualTo(4);
		assertThat(lastDecision(group).detail()).doesNotContain(released.id())
			.contains("lease " + expiring.id() + " holds at least 4");

		this.clock.advance(Duration.ofMinutes(5));
		scaledByHand(group, 2);
		this.controlLoop.tick(this.clock.instant());
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).as("no lease holds any more").isEqualTo(2);
		assertThat(lastDecision(group).detail()).doesNotContain("lease ");
	}

	@Test
	void aGroupThatAllowsItMayBeLeasedAboveItsMaximum() {
		String group = createGroup(Mode.ACTIVE, 3, true);
		Lease lease = acquire(group, leaseRequest(5, "PT30M", null), HttpStatus.CREATED);
		this.controlLoop.tick(this.clock.instant());
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).isEqualTo(5);
		assertThat(lastDecision(group).detail()).contains("lease " + lease.id());
	}

	@Test
	void aLeaseOnADryRunGroupIsRecordedButLeavesTheFleetAlone() {
		String group = createGroup(Mode.DRY_RUN, null);
		acquire(group, leaseRequest(5, "PT30M", null), HttpStatus.CREATED);
		this.controlLoop.tick(this.clock.instant());
		assertThat(lastDecision(group).desiredCapacity()).isEqualTo(5);
		assertThat(this.fleet.describe(target(group)).desiredCapacity()).isEqualTo(2);
	}

	/** Someone sets the Auto Scaling Group's desired capacity outside Capacity Pilot. */
	private void scaledByHand(String group, int capacity) {
		this.fleet.setDesiredCapacity(target(group), capacity);
	}

	/** The decision of the group's last evaluation (the control loop was rescheduled by the lease change). */
	private Decision lastDecision(String group) {
		List<Decision> page = this.decisions.findPage(group, 0, 1);
		assertThat(page).isNotEmpty();
		return page.getFirst();
	}

}
