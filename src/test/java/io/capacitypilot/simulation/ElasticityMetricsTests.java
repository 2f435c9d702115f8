package io.capacitypilot.simulation;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ElasticityMetricsTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	/**
	 * Four one-minute steps, demand → supply: 2 → 1, 2 → 3, 4 → 4, 4 → 2; billed 1, 3, 4, 2.
	 */
	private static ElasticityMetrics fourSteps() {
		ElasticityMetrics.Accumulator accumulator = new ElasticityMetrics.Accumulator(0.6);
		accumulator.step(MINUTE, 2, 1, 1, true);
		accumulator.step(MINUTE, 2, 3, 3, false);
		accumulator.scalingAction();
		accumulator.step(MINUTE, 4, 4, 4, false);
		accumulator.scalingAction();
		accumulator.step(MINUTE, 4, 2, 2, true);
		return accumulator.result();
	}

	@Test
	void underProvisioningAccuracyWeighsTheShortfallByDemand() {
		// (1/2 · 60 + 2/4 · 60) / 240 = 25 %
		assertThat(fourSteps().underProvisioning()).isCloseTo(25, within(1e-9));
	}

	@Test
	void overProvisioningAccuracyWeighsTheExcessByDemand() {
		// (1/2 · 60) / 240 = 12.5 %
		assertThat(fourSteps().overProvisioning()).isCloseTo(12.5, within(1e-9));
	}

	@Test
	void timesharesCountTheTimeUnderAndOver() {
		assertThat(fourSteps().underProvisionedTime()).isCloseTo(50, within(1e-9));
		assertThat(fourSteps().overProvisionedTime()).isCloseTo(25, within(1e-9));
	}

	@Test
	void instabilityCountsStepsWhereSupplyAndDemandDoNotMoveAlike() {
		// Supply +2 while demand holds (counts), both up (does not), supply -2 while demand holds
		// (counts): 120 s of the 180 s after the first step.
		assertThat(fourSteps().instability()).isCloseTo(200.0 / 3, within(1e-9));
	}

	@Test
	void instanceHoursCostAndActions() {
		ElasticityMetrics metrics = fourSteps();
		assertThat(metrics.instanceHours()).isCloseTo(10.0 / 60, within(1e-9));
		assertThat(metrics.cost()).isCloseTo(0.1, within(1e-9));
		assertThat(metrics.scalingActions()).isEqualTo(2);
		assertThat(metrics.overloadMinutes()).isCloseTo(2, within(1e-9));
	}

	@Test
	void stepsOfUnknownDemandArePaidForButNotScored() {
		ElasticityMetrics.Accumulator accumulator = new ElasticityMetrics.Accumulator(1);
		accumulator.step(MINUTE, 2, 2, 2, false);
		accumulator.step(MINUTE, -1, 5, 5, false);
		accumulator.step(MINUTE, 4, 2, 2, true);

		ElasticityMetrics metrics = accumulator.result();
		assertThat(metrics.instanceHours()).isCloseTo(9.0 / 60, within(1e-9));
		assertThat(metrics.underProvisioning()).isCloseTo(25, within(1e-9));
		assertThat(metrics.underProvisionedTime()).isCloseTo(50, within(1e-9));
		assertThat(metrics.instability()).as("no pair spans the gap").isZero();
	}

	@Test
	void aPerfectFitScoresZero() {
		ElasticityMetrics.Accumulator accumulator = new ElasticityMetrics.Accumulator(1);
		accumulator.step(MINUTE, 1, 1, 1, false);
		accumulator.step(MINUTE, 3, 3, 3, false);
		accumulator.step(MINUTE, 2, 2, 2, false);

		ElasticityMetrics metrics = accumulator.result();
		assertThat(metrics.underProvisioning()).isZero();
		assertThat(metrics.overProvisioning()).isZero();
		assertThat(metrics.underProvisionedTime()).isZero();
		assertThat(metrics.overProvisionedTime()).isZero();
		assertThat(metrics.instability()).isZero();
	}

}
