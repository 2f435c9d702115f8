package io.capacitypilot.groups;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form is the API's form: type and source names, kebab-case enums, ISO-8601 durations. */
class PolicyJsonTests {

	@Test
	void writesTheDocumentedForm() {
		assertThat(PolicyJson.write(SamplePolicies.targetTracking())).contains("\"type\":\"target-tracking\"")
			.contains("\"source\":\"cloudwatch\"")
			.contains("\"period\":\"PT1M\"")
			.contains("\"statistic\":\"p90\"")
			.contains("\"type\":\"percent\"")
			.contains("\"selectPolicy\":\"disabled\"")
			.doesNotContain("metricQuery")
			.doesNotContain("lookback");
		assertThat(PolicyJson.write(SamplePolicies.step())).contains("\"type\":\"step\"")
			.contains("\"comparison\":\"greater-than\"")
			.contains("\"adjustmentType\":\"percent-change-in-capacity\"");
		assertThat(PolicyJson.write(SamplePolicies.scheduled())).contains("\"zone\":\"Europe/Paris\"")
			.contains("\"at\":\"2026-12-31T20:00:00Z\"");
		assertThat(PolicyJson.write(SamplePolicies.predictive())).contains("\"maxCapacityBehavior\":\"increase-max\"")
			.contains("\"history\":\"PT168H\"");
	}

	@Test
	void readsWhatItWrites() {
		assertThat(PolicyJson.readPolicy(PolicyJson.write(SamplePolicies.predictive())))
			.isEqualTo(SamplePolicies.predictive());
		assertThat(PolicyJson.readBehavior(PolicyJson.write(SamplePolicies.BEHAVIOR))).isEqualTo(SamplePolicies.BEHAVIOR);
	}

}
