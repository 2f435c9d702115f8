package io.capacitypilot.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.capacitypilot.engine.Forecaster;
import io.capacitypilot.engine.Forecaster.ForecastPoint;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.PredictivePolicy;
import io.capacitypilot.groups.GroupRepository;
import io.capacitypilot.groups.PolicyJson;
import io.capacitypilot.groups.UnknownNameException;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSources;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What a predictive policy expects over the next 48 hours, from its metric's history as it is now. */
@RestController
class ForecastController {

	private final GroupRepository groups;

	private final MetricSources metricSources;

	private final Clock clock;

	ForecastController(GroupRepository groups, MetricSources metricSources, Clock clock) {
		this.groups = groups;
		this.metricSources = metricSources;
		this.clock = clock;
	}

	@GetMapping("/api/v1/groups/{name}/policies/{policy}/forecast")
	Forecast forecast(@PathVariable String name, @PathVariable("policy") String policyName) {
		this.groups.findGroup(name).orElseThrow(() -> UnknownNameException.group(name));
		Policy policy = this.groups.findPolicy(name, policyName)
			.orElseThrow(() -> UnknownNameException.policy(name, policyName));
		if (!(policy instanceof PredictivePolicy predictive)) {
			throw new UnknownNameException("Policy '" + policyName + "' is " + PolicyJson.typeOf(policy)
					+ ": only predictive policies have a forecast");
		}
		Instant now = this.clock.instant();
		MetricWindow window = this.metricSources
			.fetch(List.of(new MetricRequest(predictive.metric(), predictive.lookback())), now)
			.get(predictive.metric());
		List<ForecastPoint> points = window.failed() ? List.of() : Forecaster.forecast(predictive, window, now);
		String error = window.failed() ? window.error()
				: points.isEmpty() ? "less than " + Forecaster.MINIMUM_HISTORY + " of history to learn from" : null;
		return new Forecast(policyName, now, window.datapoints().size(), points, error);
	}

	/**
	 * @param datapoints how many datapoints of history the forecast learned from
	 * @param points hourly, from the current hour, empty when there is no forecast
	 * @param error why there is no forecast
	 */
	record Forecast(String policy, Instant generatedAt, int datapoints, List<ForecastPoint> points, String error) {
	}

}
