package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Cron#latest} against a reference that resolves every matching local minute with
 * {@link ZonedDateTime#of}, around daylight-saving transitions of zones with one-hour, half-hour
 * and no changes, asked in any order (the engine remembers offsets per zone between calls).
 */
class CronPropertyTests {

	private static final List<String> EXPRESSIONS = List.of("0 30 2 * * *", "0 0 9 * * MON-FRI", "0 */15 * * * *",
			"0 0 0 * * SUN", "0 15,45 1-3 * * *", "0 0 2 * * *", "0 10,30 2 * * *");

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
			ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"));

	record Query(String expression, ZoneId zone, Instant notAfter, Duration lookBack) {
	}

	@Property(tries = 400)
	void theLatestFireTimeIsWhatZonedDateTimeResolves(@ForAll("queries") Query query) {
		Instant after = query.notAfter().minus(query.lookBack());
		assertThat(Cron.parse(query.expression()).latest(after, query.notAfter(), query.zone()))
			.isEqualTo(reference(Cron.parse(query.expression()), after, query.notAfter(), query.zone()));
	}

	private static Optional<Instant> reference(Cron cron, Instant after, Instant notAfter, ZoneId zone) {
		Instant latest = null;
		LocalDateTime local = LocalDate.ofInstant(after, zone).minusDays(1).atStartOfDay();
		LocalDateTime last = LocalDate.ofInstant(notAfter, zone).plusDays(2).atStartOfDay();
		for (; local.isBefore(last); local = local.plusMinutes(1)) {
			if (cron.matches(local)) {
				Instant fire = ZonedDateTime.of(local, zone).toInstant();
				if (fire.isAfter(after) && !fire.isAfter(notAfter) && (latest == null || fire.isAfter(latest))) {
					latest = fire;
				}
			}
		}
		return Optional.ofNullable(latest);
	}

	@Provide
	Arbitrary<Query> queries() {
		Arbitrary<ZoneId> zones = Arbitraries.of(ZONES);
		Arbitrary<Duration> lookBacks = Arbitraries.integers().between(1, 30 * 60).map(Duration::ofMinutes);
		Arbitrary<Long> offsets = Arbitraries.longs().between(-36 * 3600, 36 * 3600);
		Arbitrary<Integer> transitions = Arbitraries.integers().between(0, 3);
		return Combinators.combine(Arbitraries.of(EXPRESSIONS), zones, transitions, offsets, lookBacks)
			.as((expression, zone, transition, offset, lookBack) -> new Query(expression, zone,
					nearTransition(zone, transition).plusSeconds(offset), lookBack));
	}

	/** One of the zone's transitions in 2026–2027, or a fixed instant for a zone without any. */
	private static Instant nearTransition(ZoneId zone, int index) {
		Instant instant = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i <= index; i++) {
			ZoneOffsetTransition next = zone.getRules().nextTransition(instant);
			if (next == null) {
				return Instant.parse("2026-06-15T12:00:00Z");
			}
			instant = next.getInstant();
		}
		return instant;
	}

}
