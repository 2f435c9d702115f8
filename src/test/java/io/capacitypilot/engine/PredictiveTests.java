package io.capacitypilot.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Forecaster.ForecastPoint;
import io.capacitypilot.engine.PredictivePolicy.MaxCapacityBehavior;
import org.junit.jupiter.api.Test;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PredictiveTests {

	private static final CloudWatchQuery HOURLY_REQUESTS = new CloudWatchQuery("AWS/ApplicationELB", "RequestCount",
			Map.of("TargetGroup", "web"), "Sum", Duration.ofHours(1));

	/** Monday 2026-11-23, three minutes before the office opens at 09:00 UTC. */
	private static final Instant MONDAY_BEFORE_NINE = Instant.parse("2026-11-23T08:57:00Z");

	/** 400 requests an hour from 09:00 to 17:00 and 100 otherwise; half of that at weekends. */
	private static double officeLoad(Instant time) {
		ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
		double daily = (utc.getHour() >= 9 && utc.getHour() < 17) ? 400 : 100;
		boolean weekend = utc.getDayOfWeek() == DayOfWeek.SATURDAY || utc.getDayOfWeek() == DayOfWeek.SUNDAY;
		return weekend ? daily / 2 : daily;
	}

	/** Hourly datapoints of the office load for the given history before now. */
	private static MetricWindow officeHistory(Instant now, Duration history) {
		List<Datapoint> datapoints = new ArrayList<>();
		Instant hour = now.truncatedTo(ChronoUnit.HOURS).minus(history);
		for (; hour.isBefore(now); hour = hour.plus(Duration.ofHours(1))) {
			datapoints.add(new Datapoint(hour, officeLoad(hour)));
		}
		return MetricWindow.of(HOURLY_REQUESTS, datapoints, now);
	}

	private static PredictivePolicy predictive(double target, boolean forecastOnly, MaxCapacityBehavior max,
			Integer buffer, Duration preLaunch) {
		return new PredictivePolicy("forecast", HOURLY_REQUESTS, target, null, preLaunch, forecastOnly, max, buffer,
				null);
	}

	private static PredictivePolicy predictive(double target) {
		return predictive(target, false, null, null, null);
	}

	private static Scenario office(int serving) {
		return serving(serving).at(MONDAY_BEFORE_NINE).window(officeHistory(MONDAY_BEFORE_NINE, Duration.ofDays(14)));
	}

	@Test
	void twoWeeksOfHistoryReproduceTheDailyAndWeeklyShape() {
		List<ForecastPoint> forecast = Forecaster.forecast(predictive(100), officeHistory(MONDAY_BEFORE_NINE,
				Duration.ofDays(14)), MONDAY_BEFORE_NINE);
		assertThat(forecast).hasSize(49);
		assertThat(forecast.getFirst().time()).isEqualTo("2026-11-23T08:00:00Z");
		assertThat(forecast.getLast().time()).isEqualTo("2026-11-25T08:00:00Z");
		for (ForecastPoint point : forecast) {
			assertThat(point.value()).as(point.time().toString()).isCloseTo(officeLoad(point.time()),
					offset(1e-6));
			assertThat(point.capacity()).isEqualTo((int) Math.ceil(officeLoad(point.time()) / 100));
		}
	}

	@Test
	void withLessThanAWeekOnlyTheDailyShapeIsLearned() {
		Instant saturday = Instant.parse("2026-11-28T08:57:00Z");
		List<ForecastPoint> forecast = Forecaster.forecast(predictive(100), officeHistory(saturday, Duration.ofDays(3)),
				saturday);
		// Wednesday to Friday were weekdays: Saturday is forecast like them.
		assertThat(forecast.get(2).time()).isEqualTo("2026-11-28T10:00:00Z");
		assertThat(forecast.get(2).value()).isCloseTo(400, offset(1e-6));
	}

	@Test
	void lessThanADayOfHistoryGivesNoForecastAndNoOpinion() {
		assertThat(Forecaster.forecast(predictive(100), officeHistory(MONDAY_BEFORE_NINE, Duration.ofHours(23)),
				MONDAY_BEFORE_NINE)).isEmpty();
		Recommendation recommendation = serving(2).at(MONDAY_BEFORE_NINE)
			.window(officeHistory(MONDAY_BEFORE_NINE, Duration.ofHours(23)))
			.policy(predictive(100))
			.evaluate()
			.recommendations()
			.getFirst();
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("predictive.insufficient-history");
	}

	@Test
	void capacityIsLaunchedThePreLaunchTimeBeforeTheLoad() {
		Evaluation evaluation = office(1).policy(predictive(100)).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(4);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("predictive.forecast");
		assertThat(recommendation.reasons().getFirst().figures()).containsEntry("forecastTime", "2026-11-23T09:00:00Z")
			.containsEntry("preLaunchSeconds", 300L);
		assertThat(evaluation.desired()).isEqualTo(4);
	}

	@Test
	void aShorterPreLaunchWaitsForTheLoad() {
		PredictivePolicy policy = predictive(100, false, null, null, Duration.ofMinutes(2));
		assertThat(office(1).policy(policy).evaluate().recommendations().getFirst().desired()).isEqualTo(1);
	}

	@Test
	void itNeverScalesInByItself() {
		Evaluation evaluation = office(10).policy(predictive(100)).evaluate();
		assertThat(evaluation.recommendations().getFirst().desired()).isEqualTo(4);
		assertThat(evaluation.combined()).isNull();
		assertThat(evaluation.summary().figures()).containsEntry("combination", "combine.scale-out-only");
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void itHoldsAFloorUnderAScaleInOfTheDynamicPolicies() {
		Evaluation evaluation = office(10).metric(CPU, 5)
			.policy(Scenario.cpuAt(50))
			.policy(predictive(100))
			.behavior(new Behavior(null, new ScalingRules(Duration.ZERO, null, null, null), null))
			.evaluate();
		assertThat(evaluation.desired()).isEqualTo(4);
	}

	@Test
	void forecastOnlyRecommendsNothingButExplainsTheForecast() {
		Recommendation recommendation = office(1).policy(predictive(100, true, null, null, null))
			.evaluate()
			.recommendations()
			.getFirst();
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("predictive.forecast-only");
		assertThat(recommendation.reasons().getFirst().figures()).containsEntry("capacity", 4)
			.containsEntry("forecastValue", 400.0);
	}

	@Test
	void honorMaxKeepsTheGroupsMaximum() {
		assertThat(office(1).bounds(null, 30).policy(predictive(10)).evaluate().desired()).isEqualTo(30);
	}

	@Test
	void increaseMaxRaisesTheGroupsMaximumToTheForecastAndItsBuffer() {
		PredictivePolicy policy = predictive(10, false, MaxCapacityBehavior.INCREASE_MAX, 10, null);
		Evaluation evaluation = office(1).bounds(null, 30).policy(policy).evaluate();
		assertThat(evaluation.desired()).isEqualTo(40);
		assertThat(evaluation.recommendations().getFirst().reasons().getFirst().message())
			.endsWith("the maximum may rise to 44");
	}

	@Test
	void increaseMaxNeverPassesTheAsgsMaximum() {
		PredictivePolicy policy = predictive(10, false, MaxCapacityBehavior.INCREASE_MAX, 10, null);
		assertThat(office(1).asg(0, 35).bounds(null, 30).policy(policy).evaluate().desired()).isEqualTo(35);
	}

	@Test
	void aFailedSourceIsUnknown() {
		Recommendation recommendation = serving(2).failed(HOURLY_REQUESTS).policy(predictive(100)).evaluate()
			.recommendations().getFirst();
		assertThat(recommendation.dataUnknown()).isTrue();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("predictive.data-unknown");
	}

	@Test
	void unsetSettingsTakeTheirDefaults() {
		PredictivePolicy policy = predictive(100);
		assertThat(policy.historyOrDefault()).isEqualTo(Duration.ofDays(14));
		assertThat(policy.lookback()).isEqualTo(Duration.ofDays(14));
		assertThat(policy.preLaunchOrDefault()).isEqualTo(Duration.ofMinutes(5));
		assertThat(policy.maxCapacityBehaviorOrDefault()).isEqualTo(MaxCapacityBehavior.HONOR_MAX);
		assertThat(policy.maxCapacityBufferOrDefault()).isZero();
	}

	@Test
	void increaseMaxWithoutABufferRaisesTheMaximumToTheForecast() {
		PredictivePolicy policy = predictive(10, false, MaxCapacityBehavior.INCREASE_MAX, null, null);
		assertThat(office(1).bounds(null, 30).policy(policy).evaluate().desired()).isEqualTo(40);
	}

}
