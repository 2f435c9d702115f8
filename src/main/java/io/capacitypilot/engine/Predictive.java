package io.capacitypilot.engine;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.engine.Forecaster.ForecastPoint;
import io.capacitypilot.engine.PredictivePolicy.ForecastStatistic;
import io.capacitypilot.engine.PredictivePolicy.MaxCapacityBehavior;
import io.capacitypilot.engine.PredictivePolicy.Recurring;

/**
 * Predictive scaling: the capacity the forecast needs from now until the pre-launch time ahead, so
 * that instances are serving before the load arrives. It only ever adds capacity: its opinion
 * counts like the others' but never starts a scale-in, which is left to the dynamic policies.
 */
final class Predictive {

	static final String TYPE = "predictive";

	private Predictive() {
	}

	static Opinion evaluate(PredictivePolicy policy, EvaluationInput input) {
		MetricWindow window = MetricData.windowOf(input, policy.metric());
		Optional<String> problem = MetricData.problem(window, input.now());
		if (problem.isPresent()) {
			return Opinion.of(policy, MetricData.unknown(policy, TYPE, problem.get()));
		}
		if (!(policy.targetValue() > 0)) {
			return opinion(policy, null, null, null, "invalid", "targetValue must be positive",
					Map.of("targetValue", policy.targetValue()));
		}
		if (policy.recurring() != null) {
			return recurring(policy, window, input.now());
		}
		Forecaster.Model model = Forecaster.learn(policy, window, input.now(), input.forecasts().get(policy.name()));
		if (model == null) {
			return opinion(policy, null, null, null, "insufficient-history", "less than "
					+ Forecaster.MINIMUM_HISTORY.toHours() + " hours of history to learn from; no forecast",
					Map.of("datapoints", window.datapoints().size()));
		}
		ForecastPoint peak = model.peak(input.now(), input.now().plus(policy.preLaunchOrDefault()),
				policy.targetValue());
		ForecastStatistic statistic = policy.forecastStatisticOrDefault();
		Map<String, Object> figures = Map.of("forecastTime", peak.time().toString(), "forecastValue", peak.value(),
				"forecastStatistic", statistic.label(), "capacity", peak.capacity(), "targetValue",
				policy.targetValue(), "preLaunchSeconds", policy.preLaunchOrDefault().toSeconds());
		String text = "the forecast of " + Numbers.format(peak.value()) + " for the hour from " + peak.time()
				+ ((statistic != ForecastStatistic.MEAN) ? " (the " + statistic.label() + " of its datapoints)" : "")
				+ " needs " + peak.capacity() + " instance(s) at " + Numbers.format(policy.targetValue()) + " each";
		return decided(policy, peak, model, "forecast", text, figures);
	}

	/** The opinion of a policy that forecasts only the load that recurred on each of the last days. */
	private static Opinion recurring(PredictivePolicy policy, MetricWindow window, Instant now) {
		Recurring recurring = policy.recurring();
		ForecastPoint peak = Recurrence.peak(policy, window.datapoints(), now, now.plus(policy.preLaunchOrDefault()));
		if (peak == null) {
			return opinion(policy, null, null, null, "insufficient-history", "less than " + recurring.days()
					+ " day(s) of history, or none in the slots ahead, to tell what recurs; no forecast",
					Map.of("datapoints", window.datapoints().size(), "recurringDays", recurring.days()));
		}
		String statistic = policy.forecastStatisticOrDefault().label();
		Map<String, Object> figures = Map.of("forecastTime", peak.time().toString(), "forecastValue", peak.value(),
				"forecastStatistic", statistic, "recurringDays", recurring.days(), "slotSeconds",
				recurring.slot().toSeconds(), "capacity", peak.capacity(), "targetValue", policy.targetValue(),
				"preLaunchSeconds", policy.preLaunchOrDefault().toSeconds());
		String text = "the load that recurred in the " + recurring.slot().toMinutes() + " minutes from "
				+ LocalTime.ofInstant(peak.time(), ZoneOffset.UTC) + " UTC on each of the last " + recurring.days()
				+ " day(s), the lowest of their " + statistic + ", is " + Numbers.format(peak.value()) + " and needs "
				+ peak.capacity() + " instance(s) at " + Numbers.format(policy.targetValue()) + " each";
		return decided(policy, peak, null, "recurring", text, figures);
	}

	/** The recommendation for the peak, or none but the explanation when the policy only forecasts. */
	private static Opinion decided(PredictivePolicy policy, ForecastPoint peak, Forecaster.Model model, String code,
			String text, Map<String, Object> figures) {
		if (policy.forecastOnly()) {
			return opinion(policy, null, null, model, "forecast-only", text + "; forecast only, no recommendation",
					figures);
		}
		Integer raisedMax = null;
		if (policy.maxCapacityBehaviorOrDefault() == MaxCapacityBehavior.INCREASE_MAX) {
			raisedMax = Numbers.ceil(peak.capacity() * (1 + policy.maxCapacityBufferOrDefault() / 100.0));
			text += "; the maximum may rise to " + raisedMax;
		}
		return opinion(policy, peak.capacity(), raisedMax, model, code, text, figures);
	}

	private static Opinion opinion(PredictivePolicy policy, Integer desired, Integer raisedMax,
			Forecaster.Model forecast, String code, String text, Map<String, Object> figures) {
		Recommendation recommendation = new Recommendation(policy.name(), desired, false,
				List.of(new Reason(TYPE + "." + code, policy.name() + ": " + text, figures)));
		return new Opinion(policy, recommendation, true, null, null, raisedMax, forecast);
	}

}
