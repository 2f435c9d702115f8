package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.cpuAt;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
				new Behavior(null, null, 0.2), null);
		assertThat(serving(10).metric(CPU, 54).policy(policy).evaluate().desired()).isEqualTo(11);
	}

	@Test
	void thePolicysBehaviourToleranceOverridesTheGroups() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, false, null,
				new Behavior(null, null, 0.05), null);
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
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, true, null, null, null);
		Evaluation evaluation = serving(10).metric(CPU, 20).policy(policy).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.dataUnknown()).isFalse();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.scale-in-disabled");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void disabledScaleInStillScalesOut() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 50, null, true, null, null, null);
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
		assertUnknown(serving(10).metric(CPU, 10).policy(new TargetTrackingPolicy("cpu", null, 50, null, false, null, null, null)));
	}

	@Test
	void dataOlderThanThreePeriodsIsUnknown() {
		assertUnknown(serving(10).metric(CPU, 10, Duration.ofMinutes(4)).policy(cpuAt(50)));
	}

	@Test
	void aFallbackScalesOutWhileTheDataIsUnknown() {
		Evaluation evaluation = serving(4).failed(CPU).policy(withFallback(6)).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(6);
		assertThat(recommendation.dataUnknown()).isTrue();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("target-tracking.fallback");
		assertThat(recommendation.reasons().getFirst().figures()).containsEntry("fallback", 6)
			.containsEntry("current", 4)
			.containsEntry("desired", 6);
		assertThat(evaluation.desired()).isEqualTo(6);
	}

	@Test
	void aFallbackBelowTheCurrentCapacityHoldsIt() {
		Evaluation evaluation = serving(10).metric(CPU, 10, Duration.ofMinutes(4)).policy(withFallback(2)).evaluate();
		assertThat(evaluation.recommendations().getFirst().desired()).isEqualTo(10);
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.fallback");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void aFallbackIsIgnoredWhileTheDataIsKnown() {
		assertThat(serving(10).metric(CPU, 25).policy(withFallback(20)).evaluate().desired()).isEqualTo(5);
	}

	@Test
	void dataThreePeriodsOldIsStillUsed() {
		assertThat(serving(10).metric(CPU, 25, Duration.ofMinutes(3)).policy(cpuAt(50)).evaluate().desired())
			.isEqualTo(5);
	}

	@Test
	void aStoredPolicyWithoutAPositiveTargetNeverSizesTheGroupToZero() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 0, null, false, null, null, null);
		Evaluation evaluation = serving(10).metric(CPU, 50).policy(policy).evaluate();
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.invalid");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void lookingAheadScalesOutForWhereARisingMetricWillBe() {
		Evaluation evaluation = serving(10).series(CPU, 50, 55, 60, 65, 70).policy(lookingAhead(70, null)).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		// 70 is on target now; rising 5 a minute it reaches 85 in 3 minutes: ceil(10 × 85 / 70).
		assertThat(recommendation.desired()).isEqualTo(13);
		Reason reason = recommendation.reasons().getFirst();
		assertThat(reason.code()).isEqualTo("target-tracking.lookahead");
		assertThat(reason.figures()).containsEntry("metric", 70.0).containsEntry("lookahead", "PT3M");
		assertThat((double) reason.figures().get("slopePerMinute")).isCloseTo(5, within(1e-9));
		assertThat((double) reason.figures().get("extrapolated")).isCloseTo(85, within(1e-9));
		assertThat(reason.message()).contains("70 rising 5 a minute reaches 85 in PT3M");
		assertThat(serving(10).series(CPU, 50, 55, 60, 65, 70).policy(cpuAt(70)).evaluate().desired()).isEqualTo(10);
	}

	@Test
	void lookingAheadFollowsTheLoadNotTheMetricWhileInstancesJoin() {
		// The load rose 40 a minute (400, 440, 480, 520, 560 on 8, 8, 10, 10, 10 measured instances):
		// the metric dipped when the 2 new instances started to count, but the trend is 4 a minute on
		// the 10 instances there are now.
		Scenario scenario = serving(8).launched(Duration.ofMinutes(7))
			.launched(Duration.ofMinutes(7))
			.series(CPU, 50, 55, 48, 52, 56)
			.policy(lookingAhead(50, Duration.ofMinutes(5)));
		Recommendation recommendation = scenario.evaluate().recommendations().getFirst();
		Map<String, Object> figures = recommendation.reasons().getFirst().figures();
		assertThat((double) figures.get("slopePerMinute")).isCloseTo(4, within(1e-9));
		assertThat((double) figures.get("extrapolated")).isCloseTo(68, within(1e-9));
		assertThat(recommendation.desired()).isEqualTo(14);
	}

	@Test
	void oneOutlyingDatapointIsNotATrend() {
		Evaluation evaluation = serving(10).series(CPU, 60, 60, 90, 60, 60).policy(lookingAhead(60, null)).evaluate();
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.within-tolerance");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void aFallingMetricIsNotExtrapolatedIntoAScaleIn() {
		Evaluation evaluation = serving(10).series(CPU, 70, 65, 60, 55, 50).policy(lookingAhead(50, null)).evaluate();
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.within-tolerance");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void aScaleInSizesFromTheMeasuredValueWhenTheTrendStaysBelowTarget() {
		Evaluation evaluation = serving(10).series(CPU, 20, 22, 24, 26, 28).policy(lookingAhead(50, null)).evaluate();
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.ratio");
		assertThat(evaluation.recommendations().getFirst().desired()).isEqualTo(6);
	}

	@Test
	void aRisingTrendAboveTargetTurnsAScaleInIntoAScaleOut() {
		// 40 is below the target of 50, but rising 10 a minute it reaches 70 in 3 minutes.
		Evaluation evaluation = serving(10).series(CPU, 0, 10, 20, 30, 40).policy(lookingAhead(50, null)).evaluate();
		assertThat(evaluation.recommendations().getFirst().desired()).isEqualTo(14);
		assertThat(evaluation.direction()).isEqualTo(Direction.OUT);
	}

	@Test
	void datapointsFromBeforeTheLastScaleInAreNotATrend() {
		// Instances removed 2 minutes ago produced the older datapoints: the fleet no longer says
		// what load those were, and the 2 newer ones alone are not a trend.
		Evaluation evaluation = serving(10).series(CPU, 50, 55, 60, 65, 70)
			.changed(Duration.ofMinutes(2), 12, 10)
			.policy(lookingAhead(70, null))
			.evaluate();
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().code())
			.isEqualTo("target-tracking.within-tolerance");
	}

	@Test
	void lookingAheadStillScalesOutWhenScaleInIsDisabled() {
		TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu", CPU, 60, null, true, null, null, null,
				Duration.ofMinutes(3));
		assertThat(serving(10).series(CPU, 0, 5, 10, 15, 20).policy(policy).evaluate().desired()).isEqualTo(10);
		assertThat(serving(10).series(CPU, 40, 45, 50, 55, 60).policy(policy).evaluate().desired()).isEqualTo(13);
	}

	@Test
	void lookingAheadNeverActsOnStaleData() {
		Scenario stale = serving(10).window(MetricWindow.of(CPU, List.of(
				new Datapoint(Scenario.NOW.minus(Duration.ofMinutes(8)), 50),
				new Datapoint(Scenario.NOW.minus(Duration.ofMinutes(6)), 90),
				new Datapoint(Scenario.NOW.minus(Duration.ofMinutes(5)), 130)), Scenario.NOW));
		assertUnknown(stale.policy(lookingAhead(70, null)));
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

	private static TargetTrackingPolicy withFallback(int fallback) {
		return new TargetTrackingPolicy("cpu", CPU, 50, null, false, null, null, fallback);
	}

	private static TargetTrackingPolicy lookingAhead(double target, Duration warmup) {
		return new TargetTrackingPolicy("cpu", CPU, target, warmup, false, null, null, null, Duration.ofMinutes(3));
	}

	private static TargetTrackingPolicy warmingUp(Duration warmup) {
		return new TargetTrackingPolicy("cpu", CPU, 50, warmup, false, null, null, null);
	}

}
