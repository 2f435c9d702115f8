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
		// No day-of-week factor yet: Saturday is forecast like Sunday, and with the weekdays' shape
		// rather than halved like a weekend.
		assertThat(forecast.get(2).time()).isEqualTo("2026-11-28T10:00:00Z");
		assertThat(forecast.get(26).time()).isEqualTo("2026-11-29T10:00:00Z");
		assertThat(forecast.get(2).value()).isCloseTo(forecast.get(26).value(), offset(1e-6)).isGreaterThan(300);
	}

	@Test
	void aLoadThatGrewIsForecastAtItsRecentLevel() {
		// The office load, doubled in the second week: the two weeks' mean is 1.5 times the first
		// week's, and the last day says the load now runs at twice.
		Instant now = Instant.parse("2026-11-23T09:00:00Z");
		Instant start = now.minus(Duration.ofDays(14));
		List<Datapoint> datapoints = new ArrayList<>();
		for (Instant hour = start; hour.isBefore(now); hour = hour.plus(Duration.ofHours(1))) {
			boolean secondWeek = !hour.isBefore(start.plus(Duration.ofDays(7)));
			datapoints.add(new Datapoint(hour, officeLoad(hour) * (secondWeek ? 2 : 1)));
		}
		List<ForecastPoint> forecast = Forecaster.forecast(predictive(100),
				MetricWindow.of(HOURLY_REQUESTS, datapoints, now), now);
		assertThat(forecast).isNotEmpty();
		for (ForecastPoint point : forecast) {
			assertThat(point.value()).as(point.time().toString()).isCloseTo(2 * officeLoad(point.time()),
					offset(1e-6));
		}
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
	void increaseMaxNeverLowersAMaximum() {
		PredictivePolicy policy = predictive(100, false, MaxCapacityBehavior.INCREASE_MAX, 10, null);
		Evaluation evaluation = office(30).metric(CPU, 100).policy(Scenario.cpuAt(50)).policy(policy).evaluate();
		assertThat(evaluation.desired()).isEqualTo(60);
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

	@Test
	void aForecastHandedOnFromCycleToCycleIsTheSameAsOneLearnedAfresh() {
		// Every five minutes for three hours: CloudWatch's hour under way grows, the hour rolls over
		// and, half-way, the policy learns from a shorter history.
		assertHandingOnChangesNothing(Duration.ofDays(14), Duration.ZERO);
		// A group with three days of data, whose hour under way CloudWatch shows ten minutes late: for
		// the first cycles of an hour the datapoints are the same, but the last day begins an hour later.
		assertHandingOnChangesNothing(Duration.ofDays(3), Duration.ofMinutes(10));
	}

	private static void assertHandingOnChangesNothing(Duration available, Duration publishedAfter) {
		ScalingEngine engine = new DefaultScalingEngine();
		Map<String, Forecaster.Model> forecasts = Map.of();
		Instant start = Instant.parse("2026-11-23T07:00:00Z");
		for (int minute = 0; minute <= 180; minute += 5) {
			Instant now = start.plus(Duration.ofMinutes(minute));
			PredictivePolicy policy = (minute < 90) ? predictive(100) : new PredictivePolicy("forecast",
					HOURLY_REQUESTS, 100, Duration.ofDays(10), null, false, null, null, null);
			EvaluationInput afresh = serving(1).at(now)
				.window(noisyHistory(now, available, publishedAfter))
				.policy(policy)
				.input();
			Evaluation handedOn = engine.evaluate(new EvaluationInput(afresh.group(), afresh.fleet(), afresh.windows(),
					afresh.policies(), afresh.history(), afresh.leases(), now, forecasts));
			assertThat(handedOn.recommendations()).as(now.toString())
				.isEqualTo(engine.evaluate(afresh).recommendations());
			forecasts = handedOn.forecasts();
			assertThat(forecasts).containsOnlyKeys("forecast");
		}
	}

	/**
	 * The office load with noise (so that adding it up in another order would show in the last
	 * digits), hourly over the time available before now, each hour shown once it has run for
	 * {@code publishedAfter}, with what it has counted so far.
	 */
	private static MetricWindow noisyHistory(Instant now, Duration available, Duration publishedAfter) {
		Instant hourUnderWay = now.truncatedTo(ChronoUnit.HOURS);
		List<Datapoint> datapoints = new ArrayList<>();
		for (Instant hour = hourUnderWay.minus(available); !hour.plus(publishedAfter).isAfter(now); hour = hour
			.plus(Duration.ofHours(1))) {
			double noise = 1 + 0.1 * Math.sin(hour.getEpochSecond());
			double counted = Math.min(1, Duration.between(hour, now).toSeconds() / 3600.0);
			datapoints.add(new Datapoint(hour, officeLoad(hour) * noise * counted));
		}
		return MetricWindow.of(HOURLY_REQUESTS, datapoints, now);
	}

}
