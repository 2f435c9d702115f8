package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;

import io.capacitypilot.engine.StepScalingPolicy.AdjustmentType;
import io.capacitypilot.engine.StepScalingPolicy.Comparison;
import io.capacitypilot.engine.StepScalingPolicy.StepAdjustment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;

class StepScalingTests {

	/** Above 70 % CPU: +1 up to 80, +2 up to 90, +4 beyond. */
	private static final List<StepAdjustment> OUT_STEPS = List.of(new StepAdjustment(0.0, 10.0, 1),
			new StepAdjustment(10.0, 20.0, 2), new StepAdjustment(20.0, null, 4));

	private static StepScalingPolicy scaleOut(Comparison comparison, int datapointsToAlarm, int evaluationPeriods) {
		return new StepScalingPolicy("cpu-high", CPU, 70, comparison, datapointsToAlarm, evaluationPeriods,
				AdjustmentType.CHANGE_IN_CAPACITY, OUT_STEPS, null, null, null, null);
	}

	private static StepScalingPolicy scaleOut() {
		return scaleOut(Comparison.GREATER_THAN, 1, 1);
	}

	private static StepScalingPolicy scaleIn(AdjustmentType type, double adjustment, Integer minAdjustmentMagnitude) {
		return new StepScalingPolicy("cpu-low", CPU, 30, Comparison.LESS_THAN, 1, 1, type,
				List.of(new StepAdjustment(null, 0.0, adjustment)), minAdjustmentMagnitude, null, null, null);
	}

	private static Recommendation recommendation(Scenario scenario) {
		return scenario.evaluate().recommendations().getFirst();
	}

	@ParameterizedTest(name = "{0} % CPU above a 70 % threshold adds {1}")
	@CsvSource({ "70.01, 1", "79.99, 1", "80, 2", "89.99, 2", "90, 4", "250, 4" })
	void aboveTheThresholdTheLowerBoundIsInclusiveAndTheUpperExclusive(double cpu, int added) {
		assertThat(recommendation(serving(10).metric(CPU, cpu).policy(scaleOut())).desired()).isEqualTo(10 + added);
	}

	@Test
	void theThresholdItselfDoesNotBreachGreaterThan() {
		Recommendation recommendation = recommendation(serving(10).metric(CPU, 70).policy(scaleOut()));
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("step.no-breach");
	}

	@Test
	void theThresholdItselfBreachesGreaterThanOrEqualAndFallsInTheFirstStep() {
		assertThat(recommendation(serving(10).metric(CPU, 70).policy(scaleOut(Comparison.GREATER_THAN_OR_EQUAL, 1, 1)))
			.desired()).isEqualTo(11);
	}

	@ParameterizedTest(name = "{0} % CPU below a 30 % threshold removes {1}")
	@CsvSource({ "29.99, 1", "20.01, 1", "20, 2", "0, 2" })
	void belowTheThresholdTheUpperBoundIsInclusiveAndTheLowerExclusive(double cpu, int removed) {
		StepScalingPolicy policy = new StepScalingPolicy("cpu-low", CPU, 30, Comparison.LESS_THAN, 1, 1,
				AdjustmentType.CHANGE_IN_CAPACITY,
				List.of(new StepAdjustment(-10.0, 0.0, -1), new StepAdjustment(null, -10.0, -2)), null, null, null, null);
		assertThat(recommendation(serving(10).metric(CPU, cpu).policy(policy)).desired()).isEqualTo(10 - removed);
	}

	@Test
	void theAlarmNeedsMOfTheLastNDatapoints() {
		StepScalingPolicy twoOfThree = scaleOut(Comparison.GREATER_THAN, 2, 3);
		assertThat(recommendation(serving(10).series(CPU, 95, 50, 60, 85).policy(twoOfThree)).desired()).isNull();
		assertThat(recommendation(serving(10).series(CPU, 50, 95, 60, 85).policy(twoOfThree)).desired())
			.isEqualTo(12);
		assertThat(recommendation(serving(10).series(CPU, 60, 95, 60, 85).policy(twoOfThree)).desired())
			.isEqualTo(12);
	}

	@Test
	void theNewestValuePicksTheStep() {
		StepScalingPolicy threeOfThree = scaleOut(Comparison.GREATER_THAN, 3, 3);
		Recommendation recommendation = recommendation(serving(10).series(CPU, 99, 99, 75).policy(threeOfThree));
		assertThat(recommendation.desired()).isEqualTo(11);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("step.adjustment");
		assertThat(recommendation.reasons().getFirst().message())
			.isEqualTo("cpu-high: 3 of the last 3 datapoint(s) > 70; the step for 75 says change by 1: 11");
	}

	@Test
	void aValueOutsideEveryStepHasNoOpinion() {
		StepScalingPolicy gappy = new StepScalingPolicy("cpu-high", CPU, 70, Comparison.GREATER_THAN, 1, 1,
				AdjustmentType.CHANGE_IN_CAPACITY, List.of(new StepAdjustment(10.0, null, 2)), null, null, null, null);
		Recommendation recommendation = recommendation(serving(10).metric(CPU, 75).policy(gappy));
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("step.no-matching-step");
	}

	@Test
	void exactCapacity() {
		assertThat(recommendation(serving(10).metric(CPU, 20).policy(scaleIn(AdjustmentType.EXACT_CAPACITY, 3, null)))
			.desired()).isEqualTo(3);
	}

	@ParameterizedTest(name = "{1} % of 10 instances, at least {2}, gives {3}")
	@CsvSource({ "95, 15, , 11", "95, 5, , 11", "95, 50, , 15", "95, 15, 3, 13", "20, -15, , 9", "20, -15, 3, 7",
			"20, -5, , 9" })
	void percentChangeIsTruncatedButMovesAtLeastOneInstanceAndTheMinimumMagnitude(double cpu, double percent,
			Integer minAdjustmentMagnitude, int desired) {
		StepScalingPolicy policy = (cpu > 50)
				? new StepScalingPolicy("cpu-high", CPU, 70, Comparison.GREATER_THAN, 1, 1,
						AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, List.of(new StepAdjustment(0.0, null, percent)),
						minAdjustmentMagnitude, null, null, null)
				: scaleIn(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, percent, minAdjustmentMagnitude);
		assertThat(recommendation(serving(10).metric(CPU, cpu).policy(policy)).desired()).isEqualTo(desired);
	}

	@Test
	void aRepeatedAlarmDuringWarmUpAddsOnlyWhatALargerStepAsksBeyondTheWarmingInstances() {
		StepScalingPolicy policy = new StepScalingPolicy("cpu-high", CPU, 70, Comparison.GREATER_THAN, 1, 1,
				AdjustmentType.CHANGE_IN_CAPACITY, OUT_STEPS, null, Duration.ofMinutes(5), null, null);
		Scenario warming = serving(8).launched(Duration.ofMinutes(1)).launched(Duration.ofMinutes(1));
		assertThat(recommendation(warming.metric(CPU, 85).policy(policy)).desired()).isEqualTo(10);
		assertThat(recommendation(warming.metric(CPU, 95).policy(policy)).desired()).isEqualTo(12);
	}

	@Test
	void missingDataIsUnknown() {
		Recommendation recommendation = recommendation(serving(10).failed(CPU).policy(scaleOut()));
		assertThat(recommendation.dataUnknown()).isTrue();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("step.data-unknown");
	}

	@Test
	void aFallbackScalesOutWhileTheDataIsUnknown() {
		StepScalingPolicy policy = new StepScalingPolicy("cpu-high", CPU, 70, Comparison.GREATER_THAN, 1, 1,
				AdjustmentType.CHANGE_IN_CAPACITY, OUT_STEPS, null, null, null, 12);
		Recommendation recommendation = recommendation(serving(10).failed(CPU).policy(policy));
		assertThat(recommendation.desired()).isEqualTo(12);
		assertThat(recommendation.dataUnknown()).isTrue();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("step.fallback");
	}

	@Test
	void aHighAndALowPolicyTogetherScaleInWhenOnlyTheLowOneAlarms() {
		Evaluation evaluation = serving(10).metric(CPU, 20)
			.policy(scaleOut())
			.policy(scaleIn(AdjustmentType.CHANGE_IN_CAPACITY, -2, null))
			.evaluate();
		assertThat(evaluation.desired()).isEqualTo(8);
	}

}
