package io.capacitypilot.engine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CronTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static boolean matches(String expression, String localTime) {
		return Cron.parse(expression).matches(LocalDateTime.parse(localTime));
	}

	/** The latest fire time not after {@code notAfter}, looking back up to three days. */
	private static Instant latest(String expression, ZoneId zone, String notAfter) {
		Instant limit = Instant.parse(notAfter);
		return Cron.parse(expression).latest(limit.minusSeconds(3 * 86400), limit, zone).orElseThrow();
	}

	@Nested
	class Syntax {

		@ParameterizedTest(name = "''{0}'' matches {1}: {2}")
		@CsvSource(delimiter = '|', value = { "0 0 9 * * MON-FRI | 2026-11-23T09:00:00 | true",
				"0 0 9 * * MON-FRI | 2026-11-22T09:00:00 | false", "0 0 9 * * MON-FRI | 2026-11-23T09:00:01 | false",
				"0 0 9 * * 0 | 2026-11-22T09:00:00 | true", "0 0 9 * * 7 | 2026-11-22T09:00:00 | true",
				"0 0 9 * * SUN | 2026-11-22T09:00:00 | true", "0 0 9 * * 1-5 | 2026-11-22T09:00:00 | false",
				"0 */15 * * * * | 2026-11-23T10:45:00 | true", "0 */15 * * * * | 2026-11-23T10:50:00 | false",
				"0 0 8-18/2 * * * | 2026-11-23T14:00:00 | true", "0 0 8-18/2 * * * | 2026-11-23T15:00:00 | false",
				"0 0 8/4 * * * | 2026-11-23T20:00:00 | true", "0 0 0 13 * FRI | 2026-11-13T00:00:00 | true",
				"0 0 0 13 * FRI | 2026-10-13T00:00:00 | false", "0 0 0 * DEC ? | 2026-12-24T00:00:00 | true",
				"0 0 0 * jan,feb ? | 2026-12-24T00:00:00 | false", "30,45 * * * * * | 2026-11-23T10:11:45 | true",
				"@daily | 2026-11-23T00:00:00 | true", "@hourly | 2026-11-23T07:30:00 | false" })
		void matchesLikeSpringsCronExpression(String expression, String localTime, boolean matches) {
			assertThat(matches(expression, localTime)).isEqualTo(matches);
		}

		@ParameterizedTest(name = "''{0}'' is rejected: {1}")
		@CsvSource(delimiter = '|', value = { "0 0 9 * * | six fields", "0 60 * * * * | minute field '60'",
				"0 0 25 * * * | hour field '25'", "0 0 0 0 * * | day-of-month field '0'",
				"0 0 0 * 13 * | month field '13'", "0 0 0 * * FOO | day-of-week field 'FOO'",
				"0 0 18-8 * * * | runs backwards", "0 */0 * * * * | step must be at least 1",
				"x 0 0 * * * | second field 'x': 'x' is not a number" })
		void rejectsWhatItCannotReadNamingTheField(String expression, String message) {
			assertThatIllegalArgumentException().isThrownBy(() -> Cron.parse(expression)).withMessageContaining(message);
		}

	}

	@Nested
	class DaylightSaving {

		@Test
		void aDailyTimeKeepsItsLocalTimeAcrossSpringForwardInBerlin() {
			assertThat(latest("0 0 9 * * *", BERLIN, "2026-03-28T12:00:00Z")).isEqualTo("2026-03-28T08:00:00Z");
			assertThat(latest("0 0 9 * * *", BERLIN, "2026-03-29T12:00:00Z")).isEqualTo("2026-03-29T07:00:00Z");
		}

		@Test
		void aTimeSkippedBySpringForwardInBerlinFiresTheGapsLengthLater() {
			assertThat(latest("0 30 2 * * *", BERLIN, "2026-03-29T06:00:00Z")).isEqualTo("2026-03-29T01:30:00Z");
			assertThat(latest("0 30 2 * * *", BERLIN, "2026-03-29T01:29:59Z")).isEqualTo("2026-03-28T01:30:00Z");
		}

		@Test
		void aTimeRepeatedByFallBackInBerlinFiresOnceAtItsFirstOccurrence() {
			assertThat(latest("0 30 2 * * *", BERLIN, "2026-10-25T03:00:00Z")).isEqualTo("2026-10-25T00:30:00Z");
			assertThat(latest("0 0 9 * * *", BERLIN, "2026-10-25T12:00:00Z")).isEqualTo("2026-10-25T08:00:00Z");
		}

		@Test
		void weekdayMorningsFollowSpringForwardInNewYork() {
			assertThat(latest("0 0 8 * * MON-FRI", NEW_YORK, "2026-03-08T20:00:00Z"))
				.isEqualTo("2026-03-06T13:00:00Z");
			assertThat(latest("0 0 8 * * MON-FRI", NEW_YORK, "2026-03-09T12:30:00Z"))
				.isEqualTo("2026-03-09T12:00:00Z");
		}

		@Test
		void aTimeSkippedBySpringForwardInNewYorkFiresTheGapsLengthLater() {
			assertThat(latest("0 30 2 * * *", NEW_YORK, "2026-03-08T12:00:00Z")).isEqualTo("2026-03-08T07:30:00Z");
		}

		@Test
		void aTimeRepeatedByFallBackInNewYorkFiresOnce() {
			assertThat(latest("0 30 1 * * *", NEW_YORK, "2026-11-01T07:00:00Z")).isEqualTo("2026-11-01T05:30:00Z");
		}

		@Test
		void everyMinuteAcrossTheGapHasNoHoleAndNoDuplicate() {
			// 01:59 CET is followed by 03:00 CEST: one minute later in UTC.
			assertThat(latest("0 * * * * *", BERLIN, "2026-03-29T00:59:30Z")).isEqualTo("2026-03-29T00:59:00Z");
			assertThat(latest("0 * * * * *", BERLIN, "2026-03-29T01:00:30Z")).isEqualTo("2026-03-29T01:00:00Z");
		}

	}

	@Test
	void theIntervalExcludesItsStartAndIncludesItsEnd() {
		Instant now = Instant.parse("2026-11-23T10:00:00Z");
		assertThat(Cron.parse("0 0 9 * * *").latest(now.minusSeconds(3600), now, ZoneId.of("UTC"))).isEmpty();
		assertThat(Cron.parse("0 0 9 * * *").latest(now.minusSeconds(3601), now, ZoneId.of("UTC")))
			.contains(Instant.parse("2026-11-23T09:00:00Z"));
	}

}
