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
import io.capacitypilot.engine.PredictivePolicy.ForecastStatistic;
import io.capacitypilot.engine.PredictivePolicy.MaxCapacityBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PredictiveTests {

	private static final CloudWatchQuery HOURLY_REQUESTS = new CloudWatchQuery("AWS/ApplicationELB", "RequestCount",
			Map.of("TargetGroup", "web"), "Sum", Duration.ofHours(1));

	/** Monday 2026-11-23, three minutes before the office opens at 09:00 UTC. */
	private static final CloudWatchQuery REQUESTS_PER_MINUTE = new CloudWatchQuery("AWS/ApplicationELB",
			"RequestCount", Map.of("TargetGroup", "web"), "Sum", Duration.ofMinutes(1));

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
			forecasts = handedOnAsAfresh(engine, afresh, forecasts);
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

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			MEAN | 30.5 | 4
			MAX  | 60   | 6
			P95  | 57   | 6
			P90  | 54   | 6
			""")
	void theForecastIsOfTheStatisticOfEachHoursDatapoints(ForecastStatistic statistic, double expected,
			int capacity) {
		// Every hour of two days counts 1, 2, ... 60 requests in its minutes: the mean is 30.5, the
		// maximum 60, and by nearest rank the 95th percentile is the 57th value, the 90th the 54th.
		Instant now = Instant.parse("2026-11-23T08:30:00Z");
		MetricWindow window = perMinute(now.minus(Duration.ofDays(2)), now, (minute) -> minute % 60 + 1);
		PredictivePolicy policy = perMinutePolicy(statistic, 10);
		for (ForecastPoint point : Forecaster.forecast(policy, window, now)) {
			assertThat(point.value()).as(point.time().toString()).isCloseTo(expected, offset(1e-9));
			assertThat(point.capacity()).isEqualTo(capacity);
		}
		Recommendation recommendation = serving(1).at(now).window(window).policy(policy).evaluate()
			.recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(capacity);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("predictive.forecast");
		assertThat(recommendation.reasons().getFirst().figures())
			.containsEntry("forecastStatistic", statistic.name().toLowerCase(java.util.Locale.ROOT))
			.containsEntry("forecastValue", expected);
	}

	@Test
	void aPeakIsForecastForTheHourOfDayItRecursIn() {
		// Two days of 100 requests a minute, but for ten minutes at 09:20 each day at 400: the hours
		// from 09:00 peak at 400, the others at 100; by their means the hour from 09:00 is at 150.
		Instant now = Instant.parse("2026-11-23T08:30:00Z");
		MetricWindow window = perMinute(now.minus(Duration.ofDays(2)), now,
				(minute) -> (Math.floorMod(minute, 1440) >= 9 * 60 + 20 && Math.floorMod(minute, 1440) < 9 * 60 + 30)
						? 400 : 100);
		List<ForecastPoint> peaks = Forecaster.forecast(perMinutePolicy(ForecastStatistic.MAX, 100), window, now);
		assertThat(peaks.get(1).time()).isEqualTo("2026-11-23T09:00:00Z");
		assertThat(peaks.get(1).value()).isCloseTo(400, offset(1e-9));
		assertThat(peaks.get(0).value()).isCloseTo(100, offset(1e-9));
		List<ForecastPoint> means = Forecaster.forecast(perMinutePolicy(ForecastStatistic.MEAN, 100), window, now);
		assertThat(means.get(1).value()).isCloseTo(150, offset(1e-9));
	}

	@Test
	void onlyCompleteHoursOfTheHistoryAreReducedToTheirStatistic() {
		// 100 requests a minute, but 1,000 in the first minutes of the history, in an hour that
		// began before it, and in the hour under way: neither hour is whole, so neither counts.
		Instant now = Instant.parse("2026-11-23T08:30:00Z");
		Instant start = now.minus(Duration.ofDays(2));
		MetricWindow window = perMinute(start, now,
				(minute) -> (minute < start.getEpochSecond() / 60 + 10 || minute >= now.getEpochSecond() / 60 - 10)
						? 1000 : 100);
		for (ForecastPoint point : Forecaster.forecast(perMinutePolicy(ForecastStatistic.MAX, 100), window, now)) {
			assertThat(point.value()).as(point.time().toString()).isCloseTo(100, offset(1e-9));
		}
	}

	@Test
	void aForecastOfHourlyPeaksHandedOnIsTheSameAsOneLearnedAfresh() {
		// Every minute for two hours of a sliding three-day window of a noisy per-minute history, two
		// datapoints of which arrive late: the last of the hour from 07:00 until 08:04, and the peak
		// of the hour from 08:00 until 09:10. The hours are reduced once an hour and again when a
		// datapoint of them arrives, whether or not it is the newest.
		ScalingEngine engine = new DefaultScalingEngine();
		Map<String, Forecaster.Model> forecasts = Map.of();
		Instant start = Instant.parse("2026-11-23T07:50:00Z");
		Map<Instant, Instant> lateUntil = Map.of(Instant.parse("2026-11-23T07:59:00Z"),
				Instant.parse("2026-11-23T08:04:00Z"), Instant.parse("2026-11-23T08:30:00Z"),
				Instant.parse("2026-11-23T09:10:00Z"));
		PredictivePolicy policy = perMinutePolicy(ForecastStatistic.MAX, 100);
		for (int minute = 0; minute <= 120; minute++) {
			Instant now = start.plus(Duration.ofMinutes(minute));
			List<Datapoint> arrived = perMinute(now.minus(Duration.ofDays(3)), now, PredictiveTests::noisyWithAPeak)
				.datapoints()
				.stream()
				.filter((datapoint) -> !now.isBefore(lateUntil.getOrDefault(datapoint.timestamp(), now)))
				.toList();
			EvaluationInput afresh = serving(1).at(now)
				.window(MetricWindow.of(REQUESTS_PER_MINUTE, arrived, now))
				.policy(policy)
				.input();
			forecasts = handedOnAsAfresh(engine, afresh, forecasts);
		}
	}

	/** The office load with noise, ten times higher at 08:30 on 2026-11-23. */
	private static double noisyWithAPeak(long epochMinute) {
		Instant time = Instant.ofEpochSecond(epochMinute * 60);
		double load = officeLoad(time) * (1 + 0.3 * Math.sin(epochMinute));
		return time.equals(Instant.parse("2026-11-23T08:30:00Z")) ? 10 * load : load;
	}

	@Test
	void theStatisticDefaultsToTheMean() {
		assertThat(predictive(100).forecastStatisticOrDefault()).isEqualTo(ForecastStatistic.MEAN);
	}

	/**
	 * Eight days of 100 requests a minute, with a burst of 1,000 in the quarter from 09:00 on every
	 * day but 2026-11-20, when it reached only 400: what recurred there on each of the last seven
	 * days is 400.
	 */
	private static double burstAtNine(long epochMinute) {
		Instant time = Instant.ofEpochSecond(epochMinute * 60);
		ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
		if (utc.getHour() != 9 || utc.getMinute() >= 15) {
			return 100;
		}
		return (utc.getDayOfMonth() == 20) ? 400 : 1000;
	}

	private static PredictivePolicy recurring(int days, Duration history) {
		return new PredictivePolicy("forecast", REQUESTS_PER_MINUTE, 100, history, null, false, null, null, null,
				ForecastStatistic.MAX, new PredictivePolicy.Recurring(days, Duration.ofMinutes(15)));
	}

	/** Evaluates with the models handed on, checks that learning afresh recommends the same, and hands them on. */
	private static Map<String, Forecaster.Model> handedOnAsAfresh(ScalingEngine engine, EvaluationInput afresh,
			Map<String, Forecaster.Model> forecasts) {
		Evaluation handedOn = engine.evaluate(new EvaluationInput(afresh.group(), afresh.fleet(), afresh.windows(),
				afresh.policies(), afresh.history(), afresh.leases(), afresh.now(), forecasts));
		assertThat(handedOn.recommendations()).as(afresh.now().toString())
			.isEqualTo(engine.evaluate(afresh).recommendations());
		return handedOn.forecasts();
	}

	private static Recommendation recurringBeforeNine(MetricWindow window) {
		return serving(1).at(MONDAY_BEFORE_NINE)
			.window(window)
			.policy(recurring(7, null))
			.evaluate()
			.recommendations()
			.getFirst();
	}

	@Test
	void aRecurringFloorIsTheLowestOfTheSlotsPeakOverTheLastDays() {
		MetricWindow window = perMinute(MONDAY_BEFORE_NINE.minus(Duration.ofDays(8)), MONDAY_BEFORE_NINE,
				PredictiveTests::burstAtNine);
		Recommendation recommendation = recurringBeforeNine(window);
		assertThat(recommendation.desired()).isEqualTo(4);
		Reason reason = recommendation.reasons().getFirst();
		assertThat(reason.code()).isEqualTo("predictive.recurring");
		assertThat(reason.figures()).containsEntry("forecastTime", "2026-11-23T09:00:00Z")
			.containsEntry("forecastValue", 400.0)
			.containsEntry("recurringDays", 7)
			.containsEntry("slotSeconds", 900L);
		assertThat(reason.message()).contains("in the 15 minutes from 09:00 UTC on each of the last 7 day(s)");
		// Over the last two days only, the burst recurred at 1,000.
		assertThat(serving(1).at(MONDAY_BEFORE_NINE).window(window).policy(recurring(2, null)).evaluate().desired())
			.isEqualTo(10);
	}

	@Test
	void aDayWithoutDataInTheSlotIsSkippedNotCountedAsNoLoad() {
		List<Datapoint> datapoints = perMinute(MONDAY_BEFORE_NINE.minus(Duration.ofDays(8)), MONDAY_BEFORE_NINE,
				PredictiveTests::burstAtNine)
			.datapoints()
			.stream()
			.filter((datapoint) -> !datapoint.timestamp().atZone(ZoneOffset.UTC).toLocalDate().toString().equals("2026-11-20")
					|| datapoint.timestamp().atZone(ZoneOffset.UTC).getHour() != 9)
			.toList();
		MetricWindow window = MetricWindow.of(REQUESTS_PER_MINUTE, datapoints, MONDAY_BEFORE_NINE);
		assertThat(serving(1).at(MONDAY_BEFORE_NINE).window(window).policy(recurring(7, null)).evaluate().desired())
			.isEqualTo(10);
	}

	@Test
	void fewerDaysOfHistoryThanMustRecurGiveNoOpinion() {
		MetricWindow window = perMinute(MONDAY_BEFORE_NINE.minus(Duration.ofDays(6)), MONDAY_BEFORE_NINE,
				PredictiveTests::burstAtNine);
		Recommendation recommendation = recurringBeforeNine(window);
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("predictive.insufficient-history");
	}

	@Test
	void theRecurringForecastIsServedSlotBySlot() {
		MetricWindow window = perMinute(MONDAY_BEFORE_NINE.minus(Duration.ofDays(8)), MONDAY_BEFORE_NINE,
				PredictiveTests::burstAtNine);
		List<ForecastPoint> forecast = Forecaster.forecast(recurring(7, null), window, MONDAY_BEFORE_NINE);
		assertThat(forecast.getFirst().time()).isEqualTo("2026-11-23T08:45:00Z");
		assertThat(forecast.get(1).value()).isEqualTo(400);
		assertThat(forecast.get(2).value()).isEqualTo(100);
		// A day later, the days looked back on are those before today: the same burst.
		assertThat(forecast.get(96 + 1).time()).isEqualTo("2026-11-24T09:00:00Z");
		assertThat(forecast.get(96 + 1).value()).isEqualTo(400);
	}

	private static PredictivePolicy perMinutePolicy(ForecastStatistic statistic, double target) {
		return new PredictivePolicy("forecast", REQUESTS_PER_MINUTE, target, null, null, false, null, null, null,
				statistic, null);
	}

	/** One datapoint a minute from {@code start} to before {@code now}, by minutes since the epoch. */
	private static MetricWindow perMinute(Instant start, Instant now, java.util.function.LongToDoubleFunction load) {
		List<Datapoint> datapoints = new ArrayList<>();
		for (long minute = start.getEpochSecond() / 60; minute < now.getEpochSecond() / 60; minute++) {
			datapoints.add(new Datapoint(Instant.ofEpochSecond(minute * 60), load.applyAsDouble(minute)));
		}
		return MetricWindow.of(REQUESTS_PER_MINUTE, datapoints, now);
	}

}
