package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.REQUESTS;
import static io.capacitypilot.engine.Scenario.serving;
import static io.capacitypilot.engine.Scenario.targetTracking;
import static org.assertj.core.api.Assertions.assertThat;

class CombinationTests {

	private static final TargetTrackingPolicy CPU_50 = targetTracking("cpu", CPU, 50);

	private static final TargetTrackingPolicy REQUESTS_100 = targetTracking("requests", REQUESTS, 100);

	@Test
	void anyPolicyThatWantsMoreScalesOutAndTheLargestWins() {
		Evaluation evaluation = serving(10).metric(CPU, 60)
			.metric(REQUESTS, 40)
			.policy(CPU_50)
			.policy(REQUESTS_100)
			.evaluate();
		assertThat(evaluation.combined()).isEqualTo(12);
		assertThat(evaluation.summary().code()).isEqualTo("summary.scale-out");
		assertThat(evaluation.summary().message()).startsWith("scale out 10 → 12: cpu wants 12");
	}

	@Test
	void oneOpinionThatHoldsStopsAScaleIn() {
		Evaluation evaluation = serving(10).metric(CPU, 20)
			.metric(REQUESTS, 100)
			.policy(CPU_50)
			.policy(REQUESTS_100)
			.evaluate();
		assertThat(evaluation.combined()).isEqualTo(10);
		assertThat(evaluation.desired()).isEqualTo(10);
		assertThat(evaluation.summary().figures()).containsEntry("combination", "combine.hold");
	}

	@Test
	void whenAllWantLessTheSmallestReductionWins() {
		Evaluation evaluation = serving(10).metric(CPU, 20)
			.metric(REQUESTS, 60)
			.policy(CPU_50)
			.policy(REQUESTS_100)
			.evaluate();
		assertThat(evaluation.combined()).isEqualTo(6);
		assertThat(evaluation.desired()).isEqualTo(6);
		assertThat(evaluation.summary().code()).isEqualTo("summary.scale-in");
	}

	@Test
	void whenNoPolicyHasDataTheSummaryNamesThePoliciesWhoseDataIsUnknown() {
		Evaluation evaluation = serving(10).failed(CPU).failed(REQUESTS).policy(CPU_50).policy(REQUESTS_100).evaluate();
		assertThat(evaluation.combined()).isNull();
		assertThat(evaluation.desired()).isEqualTo(10);
		assertThat(evaluation.summary().message())
			.contains("the data of cpu, requests is missing or stale, and unknown data never scales in");
	}

	@Test
	void unknownDataOfOnePolicyStopsTheOthersScaleInAndKeepsBothValues() {
		Evaluation evaluation = serving(10).metric(CPU, 20).failed(REQUESTS).policy(CPU_50).policy(REQUESTS_100)
			.evaluate();
		assertThat(evaluation.combined()).isEqualTo(4);
		assertThat(evaluation.desired()).isEqualTo(10);
		GuardrailEffect effect = evaluation.guardrails().getFirst();
		assertThat(effect.guardrail()).isEqualTo("stale-data");
		assertThat(effect.before()).isEqualTo(4);
		assertThat(effect.after()).isEqualTo(10);
		assertThat(effect.reason().code()).isEqualTo("guardrail.stale-data");
		assertThat(effect.reason().figures()).containsEntry("policies", List.of("requests"));
	}

	@Test
	void aFallbackDoesNotLetAnotherPolicyScaleIn() {
		TargetTrackingPolicy requests = new TargetTrackingPolicy("requests", REQUESTS, 100, null, false, null, null,
				2);
		Evaluation evaluation = serving(10).metric(CPU, 20).failed(REQUESTS).policy(CPU_50).policy(requests)
			.evaluate();
		assertThat(evaluation.recommendations()).extracting(Recommendation::desired).containsExactly(4, 10);
		assertThat(evaluation.desired()).isEqualTo(10);
	}

	@Test
	void unknownDataDoesNotStopAScaleOut() {
		Evaluation evaluation = serving(10).metric(CPU, 80)
			.metric(REQUESTS, 1, Duration.ofMinutes(10))
			.policy(CPU_50)
			.policy(REQUESTS_100)
			.evaluate();
		assertThat(evaluation.desired()).isEqualTo(16);
		assertThat(evaluation.guardrails()).isEmpty();
	}

	@Test
	void withNoOpinionTheCapacityIsKeptButTheBoundsStillHold() {
		Evaluation evaluation = serving(10).bounds(null, 8).failed(CPU).policy(CPU_50).evaluate();
		assertThat(evaluation.combined()).isNull();
		assertThat(evaluation.desired()).isEqualTo(8);
		assertThat(evaluation.summary().figures()).containsEntry("combination", "combine.no-opinion");
	}

	@Test
	void aGroupWithoutPoliciesKeepsItsCapacity() {
		Evaluation evaluation = serving(3).evaluate();
		assertThat(evaluation.desired()).isEqualTo(3);
		assertThat(evaluation.direction()).isEqualTo(Direction.NONE);
		assertThat(evaluation.summary().message()).isEqualTo("keep 3: no policy has an opinion; keep 3");
	}

}
