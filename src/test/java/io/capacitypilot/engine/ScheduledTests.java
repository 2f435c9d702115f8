package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.capacitypilot.engine.ScheduledPolicy.Schedule;
import org.junit.jupiter.api.Test;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.cpuAt;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduledTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/** Monday 2026-11-23, 10:00 in Berlin. */
	private static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T09:00:00Z");

	private static Schedule businessHours(Integer min, Integer max, Integer desired) {
		return new Schedule("0 0 8 * * MON-FRI", BERLIN, null, Duration.ofHours(10), min, max, desired);
	}

	private static ScheduledPolicy scheduled(Schedule... schedules) {
		return new ScheduledPolicy("office", List.of(schedules), null);
	}

	@Test
	void outsideEveryWindowThePolicyHasNoOpinion() {
		Evaluation evaluation = serving(4).at(Instant.parse("2026-11-22T09:00:00Z"))
			.policy(scheduled(businessHours(6, null, 8)))
			.evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isNull();
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("scheduled.outside-windows");
		assertThat(evaluation.desired()).isEqualTo(4);
	}

	@Test
	void inAWindowItsDesiredCapacityIsTheOpinion() {
		Evaluation evaluation = serving(4).at(MONDAY_MORNING).policy(scheduled(businessHours(null, null, 8))).evaluate();
		Recommendation recommendation = evaluation.recommendations().getFirst();
		assertThat(recommendation.desired()).isEqualTo(8);
		assertThat(recommendation.reasons().getFirst().code()).isEqualTo("scheduled.window");
		assertThat(recommendation.reasons().getFirst().figures()).containsEntry("start", "2026-11-23T07:00:00Z")
			.containsEntry("end", "2026-11-23T17:00:00Z");
		assertThat(evaluation.desired()).isEqualTo(8);
	}

	@Test
	void aWindowsMinimumIsAFloorUnderTheOtherPolicies() {
		Evaluation evaluation = serving(10).at(MONDAY_MORNING)
			.metric(CPU, 10)
			.policy(cpuAt(50))
			.policy(scheduled(businessHours(6, null, null)))
			.evaluate();
		assertThat(evaluation.combined()).isEqualTo(2);
		GuardrailEffect floor = evaluation.guardrails().getLast();
		assertThat(floor.reason().code()).isEqualTo("guardrail.floor");
		assertThat(floor.reason().figures()).containsEntry("source", "scheduled window of office");
		assertThat(evaluation.desired()).isEqualTo(6);
	}

	@Test
	void aWindowsMaximumReplacesTheGroupsWhileItLasts() {
		Scenario scenario = serving(10).metric(CPU, 100).policy(cpuAt(50)).bounds(null, 12);
		scenario.policy(scheduled(businessHours(null, 30, null)));
		assertThat(scenario.at(MONDAY_MORNING).metric(CPU, 100).evaluate().desired()).isEqualTo(20);
		assertThat(scenario.at(MONDAY_MORNING.plus(Duration.ofHours(9))).metric(CPU, 100).evaluate().desired())
			.isEqualTo(12);
	}

	@Test
	void aOneOffWindowStartsAtItsTimeAndEndsAfterItsDuration() {
		Instant launch = Instant.parse("2026-11-27T08:00:00Z");
		ScheduledPolicy blackFriday = scheduled(
				new Schedule(null, null, launch, Duration.ofHours(12), null, null, 40));
		assertThat(desiredAt(blackFriday, launch.minusSeconds(1))).isNull();
		assertThat(desiredAt(blackFriday, launch)).isEqualTo(40);
		assertThat(desiredAt(blackFriday, launch.plus(Duration.ofHours(12)).minusSeconds(1))).isEqualTo(40);
		assertThat(desiredAt(blackFriday, launch.plus(Duration.ofHours(12)))).isNull();
	}

	@Test
	void ofSeveralActiveWindowsTheLargestWins() {
		ScheduledPolicy policy = scheduled(businessHours(null, null, 8),
				new Schedule("0 0 9 23 NOV *", BERLIN, null, Duration.ofHours(2), null, null, 12),
				new Schedule("0 0 9 24 NOV *", BERLIN, null, Duration.ofHours(2), null, null, 50));
		Recommendation recommendation = serving(4).at(MONDAY_MORNING).policy(policy).evaluate().recommendations()
			.getFirst();
		assertThat(recommendation.desired()).isEqualTo(12);
		assertThat(recommendation.reasons()).hasSize(2);
	}

	@Test
	void aWindowKeepsItsLocalTimeAcrossTheDaylightSavingChange() {
		ScheduledPolicy policy = scheduled(businessHours(null, null, 8));
		// 08:30 in Berlin, before and after the clocks went forward on 2026-03-29.
		assertThat(desiredAt(policy, Instant.parse("2026-03-27T07:30:00Z"))).isEqualTo(8);
		assertThat(desiredAt(policy, Instant.parse("2026-03-30T06:30:00Z"))).isEqualTo(8);
		// 07:30 in Berlin on the Monday after: not yet.
		assertThat(desiredAt(policy, Instant.parse("2026-03-30T05:30:00Z"))).isNull();
	}

	@Test
	void anInconsistentScheduleIsSkippedWithItsReasonAndTheOthersStillApply() {
		ScheduledPolicy policy = scheduled(
				new Schedule("0 0 8 * * MON-FRY", BERLIN, null, Duration.ofHours(10), null, null, 20),
				new Schedule("0 0 8 * * *", BERLIN, MONDAY_MORNING, Duration.ofHours(1), null, null, 20),
				new Schedule("0 0 8 * * *", BERLIN, null, Duration.ZERO, null, null, 20), businessHours(null, null, 8));
		Recommendation recommendation = serving(4).at(MONDAY_MORNING).policy(policy).evaluate().recommendations()
			.getFirst();
		assertThat(recommendation.desired()).isEqualTo(8);
		assertThat(recommendation.reasons()).extracting(Reason::code)
			.containsExactly("scheduled.invalid", "scheduled.invalid", "scheduled.invalid", "scheduled.window");
		assertThat(recommendation.reasons()).extracting(Reason::message)
			.anySatisfy((message) -> assertThat(message).contains("#1", "day-of-week"))
			.anySatisfy((message) -> assertThat(message).contains("#2", "exactly one of cron and at"))
			.anySatisfy((message) -> assertThat(message).contains("#3", "duration"));
	}

	private static Integer desiredAt(ScheduledPolicy policy, Instant now) {
		return serving(4).at(now).policy(policy).evaluate().recommendations().getFirst().desired();
	}

}
