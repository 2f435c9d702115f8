package io.capacitypilot.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.cpuAt;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;

class TargetTrackingTests {

	@Test
	void scalesOutInProportionToTheMetric() {
		Evaluation evaluation = serving(4).metric(CPU, 75).policy(cpuAt(50)).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(6);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.ratio");
		assertThat(recommendation.reasons().getFirst().figures()).containsEntry("measuredCapacity", 4)
			.containsEntry("ratio", 1.5);
		assertThat(evaluation.desired()).isEqualTo(6);
		assertThat(evaluation.direction()).isEqualTo(Direction.OUT);
	}

	@Test
	void roundsUpSoTheTargetIsNeverExceeded() {
		assertThat(serving(3).metric(CPU, 60).policy(cpuAt(50)).evaluate().desired()).isEqualTo(4);
	}

	@Test
	void aRatioThatIsExactInDecimalDoesNotRoundUpAnExtraInstance() {
		assertThat(serving(10).metric(CPU, 77).policy(cpuAt(70)).evaluate().combined()).isEqualTo(11);
	}

	@Test
	void scalesInWhenTheMetricIsBelowTarget() {
		Evaluation evaluation = serving(10).metric(CPU, 25).policy(cpuAt(50)).evaluate();
		assertThat(evaluation.desired()).isEqualTo(5);
		assertThat(evaluation.direction()).isEqualTo(Direction.IN);
	}

	@Test
	void withinTheDefaultTenPercentToleranceKeepsTheCapacity() {
		Evaluation evaluation = serving(10).metric(CPU, 54).policy(cpuAt(50)).evaluate();
		assertThat(evaluation.recommendations().getFirst().desired()).isEqualTo(10);
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.within-tolerance");
		assertThat(evaluation.direction()).isEqualTo(Direction.NONE);
	}

	@Test
	void justOutsideTheToleranceScales() {
		assertThat(serving(10).metric(CPU, 55.5).policy(cpuAt(50)).evaluate().desired()).isEqualTo(12);
	}

	@Test
	void thePolicysToleranceOverridesTheBehaviours() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, false, 0.05,
				new Behavior(null, null, 0.2));
		assertThat(serving(10).metric(CPU, 54).policy(policy).evaluate().desired()).isEqualTo(11);
	}

	@Test
	void thePolicysBehaviourToleranceOverridesTheGroups() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, false, null,
				new Behavior(null, null, 0.05));
		assertThat(serving(10).metric(CPU, 54).policy(policy).behavior(new Behavior(null, null, 0.2)).evaluate()
			.desired()).isEqualTo(11);
	}

	@Test
	void theGroupsToleranceOverridesTheDefault() {
		assertThat(serving(10).metric(CPU, 58).policy(cpuAt(50)).behavior(new Behavior(null, null, 0.2)).evaluate()
			.desired()).isEqualTo(10);
	}

	@Test
	void instancesInWarmUpDoNotTriggerAnotherScaleOutForTheSameLoad() {
		// 8 instances saw 62.5 % and asked for 10; the 2 new ones have not shown up in the metric yet.
		Scenario scenario = serving(8).launched(Duration.ofMinutes(1))
			.launched(Duration.ofMinutes(2))
			.metric(CPU, 62.5)
			.policy(warmingUp(Duration.ofMinutes(5)));
		Recommendation recommendation = scenario.evaluate().recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(10);
		assertThat(recommendation.reasons().getFirst().figures()).containsEntry("measuredCapacity", 8);
	}

	@Test
	void unmeasuredInstancesNeverTurnALoadAboveTargetIntoAScaleIn() {
		Scenario scenario = serving(8).launched(Duration.ofMinutes(1))
			.launched(Duration.ofMinutes(2))
			.metric(CPU, 56)
			.policy(warmingUp(Duration.ofMinutes(5)));
		Recommendation recommendation = scenario.evaluate().recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(10);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.against-load");
	}

	@Test
	void instancesInWarmUpDoNotStopAScaleOutForMoreLoad() {
		Scenario scenario = serving(8).launched(Duration.ofMinutes(1))
			.launched(Duration.ofMinutes(2))
			.metric(CPU, 100)
			.policy(warmingUp(Duration.ofMinutes(5)));
		assertThat(scenario.evaluate().desired()).isEqualTo(16);
	}

	@Test
	void instancesPastTheirWarmUpCount() {
		Scenario scenario = serving(8).launched(Duration.ofMinutes(6))
			.launched(Duration.ofMinutes(7))
			.metric(CPU, 62.5)
			.policy(warmingUp(Duration.ofMinutes(5)));
		assertThat(scenario.evaluate().desired()).isEqualTo(13);
	}

	@Test
	void pendingInstancesAreNotMeasured() {
		Scenario scenario = serving(4).pending().metric(CPU, 100).policy(warmingUp(Duration.ofMinutes(5)));
		assertThat(scenario.evaluate().desired()).isEqualTo(8);
	}

	@Test
	void withNoMeasuredInstanceTheCapacityIsKept() {
		Recommendation recommendation = serving(0).pending()
			.pending()
			.metric(CPU, 90)
			.policy(warmingUp(Duration.ofMinutes(5)))
			.evaluate()
			.recommendations()
			.getFirst();
		assertThat(recommendation.desired()).isEqualTo(2);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.no-measured-capacity");
	}

	@Test
	void disabledScaleInLeavesTheDecisionToOtherPolicies() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, true, null, null);
		Evaluation evaluation = serving(10).metric(CPU, 20).policy(policy).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.dataUnknown()).isFalse();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.scale-in-disabled");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void disabledScaleInStillScalesOut() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, true, null, null);
		assertThat(serving(10).metric(CPU, 80).policy(policy).evaluate().desired()).isEqualTo(16);
	}

	@Test
	void missingDataIsUnknownNotZero() {
		assertUnknown(serving(10).policy(cpuAt(50)));
	}

	@Test
	void aFailedSourceIsUnknown() {
		assertUnknown(serving(10).failed(CPU).policy(cpuAt(50)));
	}

	@Test
	void aPolicyWithoutAMetricIsUnknown() {
		assertUnknown(serving(10).metric(CPU, 10).policy(new TargetTrackingPolicy("cpu", null, 50, null, false, null, null)));
	}

	@Test
	void dataOlderThanThreePeriodsIsUnknown() {
		assertUnknown(serving(10).metric(CPU, 10, Duration.ofMinutes(4)).policy(cpuAt(50)));
	}

	@Test
	void dataThreePeriodsOldIsStillUsed() {
		assertThat(serving(10).metric(CPU, 25, Duration.ofMinutes(3)).policy(cpuAt(50)).evaluate().desired())
			.isEqualTo(5);
	}

	@Test
	void aStoredPolicyWithoutAPositiveTargetNeverSizesTheGroupToZero() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 0, null, false, null, null);
		Evaluation evaluation = serving(10).metric(CPU, 50).policy(policy).evaluate();
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.invalid");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	private static void assertUnknown(Scenario scenario) {
		Evaluation evaluation = scenario.evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.dataUnknown()).isTrue();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.data-unknown");
		assertThat(evaluation.combined()).isNull();
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	private static TargetTrackingPolicy warmingUp(Duration warmup) {
		return new TargetTrackingPolicy("cpu", CPU, 50, warmup, false, null, null);
	}

}
