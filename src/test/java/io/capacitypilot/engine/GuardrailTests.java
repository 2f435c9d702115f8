package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;

import io.capacitypilot.engine.ScalingRules.LimitType;
import io.capacitypilot.engine.ScalingRules.RateLimit;
import io.capacitypilot.engine.ScalingRules.SelectPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.cpuAt;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;

class GuardrailTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	/** 10 instances that want 20 (CPU at twice the target). */
	private static Scenario wantsTwenty() {
		return serving(10).metric(CPU, 100).policy(cpuAt(50));
	}

	/** 10 instances that want 5 (CPU at half the target). */
	private static Scenario wantsFive() {
		return serving(10).metric(CPU, 25).policy(cpuAt(50));
	}

	private static Behavior scaleOut(ScalingRules rules) {
		return new Behavior(rules, null, null);
	}

	private static Behavior scaleIn(ScalingRules rules) {
		return new Behavior(null, rules, null);
	}

	private static GuardrailEffect onlyEffect(Evaluation evaluation, String guardrail) {
		assertThat(evaluation.guardrails()).extracting(GuardrailEffect::guardrail).containsExactly(guardrail);
		GuardrailEffect effect = evaluation.guardrails().getFirst();
		assertThat(effect.reason().code()).isEqualTo("guardrail." + guardrail);
		assertThat(effect.after()).isEqualTo(evaluation.desired());
		return effect;
	}

	@Nested
	class WarmUp {

		@Test
		void noScaleInWhileInstancesWarmUp() {
			Scenario scenario = serving(10).launched(Duration.ofMinutes(2))
				.metric(CPU, 20)
				.policy(new TargetTrackingPolicy("cpu", CPU, 50, Duration.ofMinutes(5), false, null, null));
			Evaluation evaluation = scenario.evaluate();
			GuardrailEffect effect = onlyEffect(evaluation, "warm-up");
			assertThat(effect.before()).isEqualTo(4);
			assertThat(evaluation.desired()).isEqualTo(11);
			assertThat(effect.reason().figures()).containsEntry("warming", 1);
		}

		@Test
		void scaleInOnceTheWarmUpIsOver() {
			Scenario scenario = serving(10).launched(Duration.ofMinutes(6))
				.metric(CPU, 20)
				.policy(new TargetTrackingPolicy("cpu", CPU, 50, Duration.ofMinutes(5), false, null, null));
			assertThat(scenario.evaluate().desired()).isEqualTo(5);
		}

	}

	@Nested
	class Stabilization {

		@Test
		void scaleInGoesNoLowerThanTheHighestRecommendationOfTheLastFiveMinutes() {
			Evaluation evaluation = wantsFive().recommended(Duration.ofMinutes(2), 8)
				.recommended(Duration.ofMinutes(4), 7)
				.recommended(Duration.ofMinutes(6), 12)
				.evaluate();
			GuardrailEffect effect = onlyEffect(evaluation, "stabilization");
			assertThat(effect.before()).isEqualTo(5);
			assertThat(effect.after()).isEqualTo(8);
		}

		@Test
		void scaleInWindowNeverTurnsIntoAScaleOut() {
			assertThat(wantsFive().recommended(Duration.ofMinutes(1), 15).evaluate().desired()).isEqualTo(10);
		}

		@Test
		void scaleOutIsImmediateByDefault() {
			assertThat(wantsTwenty().recommended(Duration.ofSeconds(30), 10).evaluate().desired()).isEqualTo(20);
		}

		@Test
		void scaleOutGoesNoHigherThanTheLowestRecommendationOfItsWindow() {
			Evaluation evaluation = wantsTwenty()
				.behavior(scaleOut(new ScalingRules(Duration.ofMinutes(3), null, null, null)))
				.recommended(Duration.ofMinutes(1), 14)
				.recommended(Duration.ofMinutes(2), 12)
				.recommended(Duration.ofMinutes(4), 10)
				.evaluate();
			assertThat(onlyEffect(evaluation, "stabilization").after()).isEqualTo(12);
		}

		@Test
		void theWinningPolicysBehaviourOverridesTheGroups() {
			TargetTrackingPolicy impatient = new TargetTrackingPolicy("cpu", CPU, 50, null, false, null,
					scaleIn(new ScalingRules(Duration.ZERO, null, null, null)));
			Scenario scenario = serving(10).metric(CPU, 25).recommended(Duration.ofMinutes(1), 10);
			assertThat(scenario.policy(impatient).evaluate().desired()).isEqualTo(5);
		}

		@Test
		void aZeroScaleInWindowScalesInAtOnce() {
			Evaluation evaluation = wantsFive()
				.behavior(scaleIn(new ScalingRules(Duration.ZERO, null, null, null)))
				.recommended(Duration.ofMinutes(1), 10)
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(5);
		}

	}

	@Nested
	class RateLimits {

		@Test
		void instancesPerPeriod() {
			Evaluation evaluation = wantsTwenty()
				.behavior(scaleOut(new ScalingRules(null, List.of(new RateLimit(LimitType.INSTANCES, 4, MINUTE)), null,
						null)))
				.evaluate();
			GuardrailEffect effect = onlyEffect(evaluation, "rate-limit");
			assertThat(effect.after()).isEqualTo(14);
			assertThat(effect.reason().message()).contains("limited to 4 instance(s) per 60 s");
		}

		@Test
		void changesAlreadyMadeInThePeriodCount() {
			Evaluation evaluation = wantsTwenty()
				.behavior(scaleOut(new ScalingRules(null, List.of(new RateLimit(LimitType.INSTANCES, 4, MINUTE)), null,
						null)))
				.changed(Duration.ofSeconds(30), 7, 10)
				.changed(Duration.ofSeconds(90), 5, 7)
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(11);
		}

		@Test
		void percentOfTheCapacityAtTheStartOfThePeriod() {
			Evaluation evaluation = wantsTwenty()
				.behavior(
						scaleOut(new ScalingRules(null, List.of(new RateLimit(LimitType.PERCENT, 50, MINUTE)), null, null)))
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(15);
		}

		@Test
		void aPercentLimitAlwaysAllowsOneInstance() {
			Evaluation evaluation = serving(1).metric(CPU, 100)
				.policy(cpuAt(50))
				.behavior(
						scaleOut(new ScalingRules(null, List.of(new RateLimit(LimitType.PERCENT, 10, MINUTE)), null, null)))
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(2);
		}

		@Test
		void selectMaxPicksTheLimitThatAllowsTheMostChange() {
			assertThat(limitedBy(SelectPolicy.MAX).desired()).isEqualTo(15);
		}

		@Test
		void selectMinPicksTheLimitThatAllowsTheLeastChange() {
			assertThat(limitedBy(SelectPolicy.MIN).desired()).isEqualTo(12);
		}

		@Test
		void disabledForbidsTheDirection() {
			Evaluation evaluation = wantsFive()
				.behavior(scaleIn(new ScalingRules(Duration.ZERO, null, SelectPolicy.DISABLED, null)))
				.evaluate();
			assertThat(onlyEffect(evaluation, "rate-limit").reason().message()).contains("scaling in is disabled");
			assertThat(evaluation.desired()).isEqualTo(10);
		}

		@Test
		void scaleInLimits() {
			Evaluation evaluation = wantsFive()
				.behavior(scaleIn(new ScalingRules(Duration.ZERO, List.of(new RateLimit(LimitType.PERCENT, 20, MINUTE)),
						null, null)))
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(8);
		}

		@Test
		void aLimitOfOneDirectionDoesNotSlowTheOther() {
			Evaluation evaluation = wantsTwenty()
				.behavior(scaleIn(new ScalingRules(null, List.of(new RateLimit(LimitType.INSTANCES, 1, MINUTE)), null,
						null)))
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(20);
		}

		private Evaluation limitedBy(SelectPolicy select) {
			return wantsTwenty()
				.behavior(scaleOut(new ScalingRules(null, List.of(new RateLimit(LimitType.INSTANCES, 2, MINUTE),
						new RateLimit(LimitType.PERCENT, 50, MINUTE)), select, null)))
				.evaluate();
		}

	}

	@Nested
	class Cooldown {

		private static final Behavior FIVE_MINUTES_OUT = scaleOut(
				new ScalingRules(null, null, null, Duration.ofMinutes(5)));

		@Test
		void noScaleOutWithinTheCooldownOfTheLastOne() {
			Evaluation evaluation = wantsTwenty().behavior(FIVE_MINUTES_OUT)
				.changed(Duration.ofMinutes(2), 8, 10)
				.evaluate();
			GuardrailEffect effect = onlyEffect(evaluation, "cooldown");
			assertThat(effect.after()).isEqualTo(10);
			assertThat(effect.reason().figures()).containsEntry("remainingSeconds", 180L);
		}

		@Test
		void scaleOutAfterTheCooldown() {
			assertThat(wantsTwenty().behavior(FIVE_MINUTES_OUT).changed(Duration.ofMinutes(5), 8, 10).evaluate()
				.desired()).isEqualTo(20);
		}

		@Test
		void aChangeInTheOtherDirectionDoesNotStartTheCooldown() {
			assertThat(wantsTwenty().behavior(FIVE_MINUTES_OUT).changed(Duration.ofMinutes(1), 12, 10).evaluate()
				.desired()).isEqualTo(20);
		}

		@Test
		void scaleInCooldown() {
			Evaluation evaluation = wantsFive()
				.behavior(scaleIn(new ScalingRules(Duration.ZERO, null, null, Duration.ofMinutes(10))))
				.changed(Duration.ofMinutes(9), 12, 10)
				.evaluate();
			assertThat(onlyEffect(evaluation, "cooldown").after()).isEqualTo(10);
		}

	}

	@Nested
	class Bounds {

		@Test
		void theGroupsMaximumTightensTheAsgs() {
			GuardrailEffect effect = onlyEffect(wantsTwenty().bounds(null, 15).evaluate(), "bounds");
			assertThat(effect.after()).isEqualTo(15);
			assertThat(effect.reason().figures()).containsEntry("max", 15).containsEntry("asgMax", 100);
		}

		@Test
		void theAsgsMaximumHoldsOverALooserGroupMaximum() {
			assertThat(wantsTwenty().asg(1, 12).bounds(null, 50).evaluate().desired()).isEqualTo(12);
		}

		@Test
		void theGroupsMinimumTightensTheAsgs() {
			assertThat(wantsFive().behavior(scaleIn(new ScalingRules(Duration.ZERO, null, null, null)))
				.bounds(7, null)
				.evaluate()
				.desired()).isEqualTo(7);
		}

		@Test
		void theAsgsMinimumHoldsOverALowerGroupMinimum() {
			assertThat(wantsFive().behavior(scaleIn(new ScalingRules(Duration.ZERO, null, null, null)))
				.asg(6, 100)
				.bounds(2, null)
				.evaluate()
				.desired()).isEqualTo(6);
		}

	}

	@Nested
	class Floors {

		@Test
		void aLeaseHoldsCapacity() {
			Evaluation evaluation = wantsFive().lease("ci-42", 9, Duration.ofMinutes(20)).evaluate();
			GuardrailEffect effect = onlyEffect(evaluation, "floor");
			assertThat(effect.after()).isEqualTo(9);
			assertThat(effect.reason().figures()).containsEntry("source", "lease ci-42");
		}

		@Test
		void theLargestFloorWinsAndMayExceedTheGroupsMaximum() {
			Evaluation evaluation = wantsTwenty().bounds(null, 15)
				.lease("a", 18, Duration.ofMinutes(5))
				.lease("b", 30, Duration.ofMinutes(5))
				.evaluate();
			assertThat(evaluation.desired()).isEqualTo(30);
		}

		@Test
		void aFloorNeverExceedsTheAsgsMaximum() {
			assertThat(wantsTwenty().asg(0, 25).lease("a", 40, Duration.ofMinutes(5)).evaluate().desired())
				.isEqualTo(25);
		}

		@Test
		void anExpiredLeaseHoldsNothing() {
			assertThat(wantsTwenty().bounds(null, 15).lease("a", 40, Duration.ZERO).evaluate().desired())
				.isEqualTo(15);
		}

	}

	@Nested
	class ModeAndFleet {

		@Test
		void aPausedGroupKeepsItsCapacity() {
			Evaluation evaluation = wantsTwenty().mode(Mode.PAUSED).evaluate();
			assertThat(evaluation.combined()).isEqualTo(20);
			assertThat(onlyEffect(evaluation, "mode").after()).isEqualTo(10);
		}

		@Test
		void aDryRunGroupIsDecidedAsAnActiveOne() {
			assertThat(wantsTwenty().mode(Mode.DRY_RUN).evaluate().desired()).isEqualTo(20);
		}

		@Test
		void noChangeWhileTheAsgIsBusy() {
			assertThat(onlyEffect(wantsTwenty().busy().evaluate(), "fleet-busy").after()).isEqualTo(10);
		}

	}

	@Test
	void guardrailsApplyInTheBriefsOrderAndTheSummaryNamesThem() {
		Evaluation evaluation = wantsTwenty()
			.behavior(scaleOut(
					new ScalingRules(null, List.of(new RateLimit(LimitType.INSTANCES, 6, MINUTE)), null, null)))
			.bounds(null, 14)
			.evaluate();
		assertThat(evaluation.guardrails()).extracting(GuardrailEffect::guardrail)
			.containsExactly("rate-limit", "bounds");
		assertThat(evaluation.summary().message())
			.isEqualTo("scale out 10 → 14: cpu wants 20, the most of 1 opinion(s); changed by rate-limit (20 → 16),"
					+ " bounds (16 → 14)");
	}

}
