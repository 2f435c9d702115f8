package io.capacitypilot.api;

import java.util.stream.Stream;

import io.capacitypilot.groups.GroupRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiTest
class PolicyApiTests {

	static final String TARGET_TRACKING = """
			{"name": "cpu", "type": "target-tracking",
			 "metric": {"source": "cloudwatch", "namespace": "AWS/EC2", "metricName": "CPUUtilization",
			            "dimensions": {"AutoScalingGroupName": "web"}, "statistic": "p90", "period": "PT1M",
			            "region": "us-east-1"},
			 "targetValue": 50, "instanceWarmup": "PT5M", "disableScaleIn": false, "tolerance": 0.1, "fallback": 4,
			 "lookahead": "PT3M",
			 "behavior": {"scaleIn": {"stabilizationWindow": "PT5M",
			                          "rateLimits": [{"type": "percent", "value": 10, "period": "PT1M"}],
			                          "selectPolicy": "min", "cooldown": "PT2M"}}}""";

	static final String STEP = """
			{"name": "queue", "type": "step",
			 "metric": {"source": "prometheus", "query": "sum(queue_depth)", "period": "PT30S"},
			 "threshold": 100, "comparison": "greater-than", "datapointsToAlarm": 2, "evaluationPeriods": 3,
			 "adjustmentType": "percent-change-in-capacity",
			 "steps": [{"lowerBound": 0, "upperBound": 50, "adjustment": 10}, {"lowerBound": 50, "adjustment": 30}],
			 "minAdjustmentMagnitude": 2, "instanceWarmup": "PT3M", "fallback": 6}""";

	static final String SCHEDULED = """
			{"name": "business-hours", "type": "scheduled",
			 "schedules": [{"cron": "0 0 8 * * MON-FRI", "zone": "Europe/Paris", "duration": "PT10H",
			                "minCapacity": 4, "maxCapacity": 20},
			               {"at": "2026-12-31T20:00:00Z", "duration": "PT6H", "desiredCapacity": 12}]}""";

	static final String PREDICTIVE = """
			{"name": "forecast", "type": "predictive",
			 "metric": {"source": "scrape", "metricName": "http_server_requests_seconds_count",
			            "labels": {"uri": "/api"}, "aggregation": "sum", "period": "PT1M", "group": "web"},
			 "targetValue": 200, "history": "PT168H", "preLaunch": "PT5M", "forecastOnly": true,
			 "maxCapacityBehavior": "increase-max", "maxCapacityBuffer": 10, "forecastStatistic": "p95",
			 "recurring": {"days": 7, "slot": "PT15M"}}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	GroupRepository groups;

	@BeforeEach
	void oneEmptyGroup() throws Exception {
		this.groups.findAllGroups().forEach((group) -> this.groups.delete(group.name()));
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(GroupApiTests.WEB))
			.andExpect(status().isCreated());
	}

	static Stream<Arguments> everyType() {
		return Stream.of(Arguments.of("cpu", TARGET_TRACKING), Arguments.of("queue", STEP),
				Arguments.of("business-hours", SCHEDULED), Arguments.of("forecast", PREDICTIVE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyType")
	void createsEachPolicyTypeAndReadsItBackEqual(String name, String policy) throws Exception {
		create(policy).andExpect(status().isCreated()).andExpect(content().json(policy, JsonCompareMode.STRICT));
		this.mvc.perform(get("/api/v1/groups/web/policies/" + name))
			.andExpect(status().isOk())
			.andExpect(content().json(policy, JsonCompareMode.STRICT));
		this.mvc.perform(get("/api/v1/groups/web/policies"))
			.andExpect(content().json("[" + policy + "]", JsonCompareMode.STRICT));
	}

	@Test
	void optionalSettingsMayBeLeftOut() throws Exception {
		create("""
				{"name": "cpu", "type": "target-tracking", "targetValue": 50,
				 "metric": {"source": "cloudwatch", "namespace": "AWS/EC2", "metricName": "CPUUtilization",
				            "dimensions": {"AutoScalingGroupName": "web-asg"}, "statistic": "Average", "period": "PT1M"}}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.disableScaleIn").value(false))
			.andExpect(jsonPath("$.instanceWarmup").doesNotExist())
			.andExpect(jsonPath("$.lookahead").doesNotExist());
	}

	@Test
	void aCloudWatchMetricIsReadInTheGroupsRegionUnlessItNamesAnother() throws Exception {
		create(TARGET_TRACKING.replaceAll(",\\s*\"region\": \"us-east-1\"", "")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.metric.region").value("us-east-1"));
		this.mvc.perform(put("/api/v1/groups/web/policies/cpu").contentType(MediaType.APPLICATION_JSON)
			.content(TARGET_TRACKING.replace("\"region\": \"us-east-1\"", "\"region\": \"eu-west-1\"")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.metric.region").value("eu-west-1"));
	}

	@Test
	void aScrapedMetricReadsThePolicysOwnGroupUnlessItNamesAnother() throws Exception {
		create(PREDICTIVE.replace(", \"group\": \"web\"", "")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.metric.group").value("web"));
		this.mvc.perform(put("/api/v1/groups/web/policies/forecast").contentType(MediaType.APPLICATION_JSON)
			.content(PREDICTIVE.replace("\"group\": \"web\"", "\"group\": \"api\"")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.metric.group").value("api"));
	}

	@Test
	void replacesAPolicyWithAnotherTypeAndDeletesIt() throws Exception {
		create(TARGET_TRACKING);
		String replacement = PREDICTIVE.replace("\"forecast\"", "\"cpu\"");
		this.mvc.perform(put("/api/v1/groups/web/policies/cpu").contentType(MediaType.APPLICATION_JSON).content(replacement))
			.andExpect(status().isOk())
			.andExpect(content().json(replacement, JsonCompareMode.STRICT));
		this.mvc.perform(delete("/api/v1/groups/web/policies/cpu")).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/groups/web/policies/cpu")).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/groups/web/policies")).andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void aReplacementMayLeaveTheNameOut() throws Exception {
		create(STEP);
		this.mvc
			.perform(put("/api/v1/groups/web/policies/queue").contentType(MediaType.APPLICATION_JSON)
				.content(STEP.replace("\"name\": \"queue\", ", "").replace("\"threshold\": 100", "\"threshold\": 80")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("queue"))
			.andExpect(jsonPath("$.threshold").value(80.0));
	}

	@Test
	void aDuplicateIsAConflictAndAnUnknownPolicyIsNotFound() throws Exception {
		create(TARGET_TRACKING);
		create(TARGET_TRACKING.replace("\"targetValue\": 50", "\"targetValue\": 60"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/v1/groups/web/policies/cpu")).andExpect(jsonPath("$.targetValue").value(50.0));
		this.mvc.perform(put("/api/v1/groups/web/policies/nope").contentType(MediaType.APPLICATION_JSON).content(STEP.replace("\"queue\"", "\"nope\"")))
			.andExpect(status().isNotFound());
		this.mvc.perform(delete("/api/v1/groups/web/policies/nope")).andExpect(status().isNotFound());
		this.mvc.perform(post("/api/v1/groups/nope/policies").contentType(MediaType.APPLICATION_JSON).content(STEP))
			.andExpect(status().isNotFound());
	}

	@Test
	void deletingTheGroupDeletesItsPolicies() throws Exception {
		create(TARGET_TRACKING);
		this.mvc.perform(delete("/api/v1/groups/web")).andExpect(status().isNoContent());
		assertThat(this.groups.findPolicies("web")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			overlapping steps             | STEP      | "lowerBound": 50, "adjustment": 30     | "lowerBound": 40, "adjustment": 30    | steps[1].lowerBound
			a gap between steps           | STEP      | "lowerBound": 50, "adjustment": 30     | "lowerBound": 60, "adjustment": 30    | steps[1].lowerBound
			inverted step bounds          | STEP      | "lowerBound": 0, "upperBound": 50      | "lowerBound": 0, "upperBound": -5     | steps[0].upperBound
			more datapoints than periods  | STEP      | "datapointsToAlarm": 2                 | "datapointsToAlarm": 4                | datapointsToAlarm
			magnitude without percent     | STEP      | "percent-change-in-capacity"           | "change-in-capacity"                  | minAdjustmentMagnitude
			unknown comparison            | STEP      | "greater-than"                         | "bigger"                              | comparison
			invalid cron                  | SCHEDULED | "0 0 8 * * MON-FRI"                    | "0 8 * * MON-FRI"                     | schedules[0].cron
			unknown zone                  | SCHEDULED | "Europe/Paris"                         | "Europe/Atlantis"                     | schedules[0].zone
			cron and at together          | SCHEDULED | "duration": "PT10H"                    | "at": "2026-12-31T20:00:00Z", "duration": "PT10H" | schedules[0].cron
			schedule min above max        | SCHEDULED | "minCapacity": 4                       | "minCapacity": 40                     | schedules[0].minCapacity
			negative warm-up              | TARGET    | "instanceWarmup": "PT5M"               | "instanceWarmup": "-PT5M"             | instanceWarmup
			zero target                   | TARGET    | "targetValue": 50                      | "targetValue": 0                      | targetValue
			unknown statistic             | TARGET    | "p90"                                  | "Median"                              | metric.statistic
			negative cooldown             | TARGET    | "cooldown": "PT2M"                     | "cooldown": "-PT2M"                   | behavior.scaleIn.cooldown
			tolerance of one              | TARGET    | "tolerance": 0.1                       | "tolerance": 1                        | tolerance
			negative lookahead            | TARGET    | "lookahead": "PT3M"                    | "lookahead": "-PT3M"                  | lookahead
			lookahead beyond half an hour | TARGET    | "lookahead": "PT3M"                    | "lookahead": "PT31M"                  | lookahead
			negative fallback             | STEP      | "fallback": 6                          | "fallback": -1                        | fallback
			a metric naming its own role  | TARGET    | "period": "PT1M"                       | "period": "PT1M", "roleArn": "arn:aws:iam::123456789012:role/x" | metric.roleArn
			metric without period         | TARGET    | "period": "PT1M"                       | "every": "PT1M"                       | metric.period
			no steps                      | STEP      | "steps": [                             | "stepz": [                            | steps
			unknown metric source         | TARGET    | "cloudwatch"                           | "graphite"                            | metric
			bad name                      | TARGET    | "cpu"                                  | "CPU!"                                | name
			history too short             | PREDICTIVE | "PT168H"                              | "PT12H"                               | history
			buffer without increase-max   | PREDICTIVE | "increase-max"                        | "honor-max"                           | maxCapacityBuffer
			unknown forecast statistic    | PREDICTIVE | "p95"                                 | "median"                              | forecastStatistic
			hourly peak of hourly data    | PREDICTIVE | "PT1M", "group"                       | "PT1H", "group"                       | forecastStatistic
			recurring beyond the history  | PREDICTIVE | "days": 7                             | "days": 8                             | recurring.days
			slot not dividing a day       | PREDICTIVE | "PT15M"                               | "PT7M"                                | recurring.slot
			slot shorter than the period  | PREDICTIVE | "PT1M", "group"                       | "PT30M", "group"                      | recurring.slot
			""")
	void rejectsAnInconsistentPolicyNamingTheFieldAndWritesNothing(String description, String example, String from,
			String to, String field) throws Exception {
		create(STEP);
		String before = policiesAsJson();
		String body = switch (example) {
			case "STEP" -> STEP;
			case "SCHEDULED" -> SCHEDULED;
			case "TARGET" -> TARGET_TRACKING;
			default -> PREDICTIVE;
		};
		assertThat(body).contains(from);
		create(body.replace(from, to).replace("\"queue\"", "\"queue-2\"")).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
		assertThat(policiesAsJson()).isEqualTo(before);
	}

	@Test
	void aForecastWithoutHistorySaysWhy() throws Exception {
		// No Prometheus is configured in these tests: the metric cannot be read.
		create("""
				{"name": "requests", "type": "predictive",
				 "metric": {"source": "prometheus", "query": "sum(rate(http_requests_total[5m]))", "period": "PT1H"},
				 "targetValue": 1000}""").andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/groups/web/policies/requests/forecast"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.points", hasSize(0)))
			.andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("PrometheusQuery")));
	}

	@Test
	void onlyAPredictivePolicyHasAForecast() throws Exception {
		create(TARGET_TRACKING);
		this.mvc.perform(get("/api/v1/groups/web/policies/cpu/forecast"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("Policy 'cpu' is target-tracking: only predictive policies have a forecast"));
		this.mvc.perform(get("/api/v1/groups/web/policies/nope/forecast")).andExpect(status().isNotFound());
	}

	@Test
	void aPolicyWithoutTypeOrWithAnUnknownTypeIsABadRequest() throws Exception {
		create(TARGET_TRACKING.replace("\"type\": \"target-tracking\",", "")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("type")));
		create(TARGET_TRACKING.replace("\"target-tracking\"", "\"magic\"")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("magic")));
		assertThat(this.groups.findPolicies("web")).isEmpty();
	}

	private ResultActions create(String policy) throws Exception {
		return this.mvc.perform(post("/api/v1/groups/web/policies").contentType(MediaType.APPLICATION_JSON).content(policy));
	}

	private String policiesAsJson() throws Exception {
		return this.mvc.perform(get("/api/v1/groups/web/policies")).andReturn().getResponse().getContentAsString();
	}

}
