package io.capacitypilot.simulation;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AwsTargetTrackingTests {

	private final AwsTargetTracking policy = new AwsTargetTracking(50, Duration.ofMinutes(5));

	private final ReferencePolicyFixture fixture = new ReferencePolicyFixture(Duration.ofMinutes(1));

	@Test
	void scalesOutOnlyAfterThreeDatapointsOfThreeAboveTheTarget() {
		this.fixture.measure(10, 40, 4).measure(2, 80, 4);
		assertThat(this.policy.decide(this.fixture.observe(4))).isEqualTo(4);

		this.fixture.measure(1, 80, 4);
		// 80 % of 4 instances is 3.2 instances of load: 7 at 50 %.
		assertThat(this.policy.decide(this.fixture.observe(4))).isEqualTo(7);
	}

	@Test
	void sizesFromTheInstancesThatProducedTheDatapointNotThoseStillBooting() {
		this.fixture.measure(3, 90, 2);
		// 2 serving at 90 % is 1.8 instances of load: 4 at 50 %, already desired with 2 booting.
		assertThat(this.policy.decide(this.fixture.observe(2, 2, this.fixture.now().minusSeconds(60)))).isEqualTo(4);
	}

	@Test
	void aMissingDatapointBreaksTheRun() {
		this.fixture.measure(2, 80, 4).measure(1, Double.NaN, 4).measure(2, 80, 4);
		assertThat(this.policy.decide(this.fixture.observe(4))).isEqualTo(4);
	}

	@Test
	void scalesInOnlyAfterFifteenDatapointsBelowNinetyPercentOfTheTarget() {
		this.fixture.measure(14, 20, 8);
		assertThat(this.policy.decide(this.fixture.observe(8))).isEqualTo(8);

		this.fixture.measure(1, 20, 8);
		// 20 % of 8 instances is 1.6 instances of load: 4 at 50 %.
		assertThat(this.policy.decide(this.fixture.observe(8))).isEqualTo(4);
	}

	@Test
	void justUnderTheTargetIsNotLowEnoughToScaleIn() {
		this.fixture.measure(20, 46, 8);
		assertThat(this.policy.decide(this.fixture.observe(8))).isEqualTo(8);
	}

	@Test
	void neverScalesInWhileAnInstanceWarmsUp() {
		this.fixture.measure(15, 20, 8);
		assertThat(this.policy.decide(this.fixture.observe(7, 1, this.fixture.now().minusSeconds(299)))).isEqualTo(8);
		assertThat(this.policy.decide(this.fixture.observe(7, 1, this.fixture.now().minusSeconds(300)))).isEqualTo(4);
	}

}
