package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationSlotsTests {

	private static final Duration INTERVAL = Duration.ofSeconds(15);

	@Property
	void theNextSlotIsNeverMoreThanAnIntervalAway(@ForAll @AlphaChars @StringLength(min = 1, max = 64) String group,
			@ForAll @IntRange(min = 1, max = 3600) int intervalSeconds, @ForAll("instants") Instant now) {
		Duration interval = Duration.ofSeconds(intervalSeconds);
		Instant next = EvaluationSlots.after(group, interval, now);
		assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plus(interval));
	}

	@Property
	void slotsAreAnIntervalApartWhenEverTheTickComes(
			@ForAll @AlphaChars @StringLength(min = 1, max = 64) String group,
			@ForAll @IntRange(min = 1, max = 3600) int intervalSeconds, @ForAll("instants") Instant now,
			@ForAll @IntRange(min = 0, max = 999) int tickLateMillis) {
		Duration interval = Duration.ofSeconds(intervalSeconds);
		Instant slot = EvaluationSlots.after(group, interval, now);
		// The tick that finds the group due comes after its slot: the next slot is still an interval on.
		assertThat(EvaluationSlots.after(group, interval, slot.plusMillis(tickLateMillis)))
			.isEqualTo(slot.plus(interval));
	}

	@Test
	void aGroupKeepsItsPlaceInTheIntervalAcrossAnyGap() {
		Instant slot = EvaluationSlots.after("web", INTERVAL, Instant.parse("2026-11-23T10:00:00Z"));
		Instant muchLater = Instant.parse("2026-12-24T18:31:07.250Z");
		assertThat(Duration.between(slot, EvaluationSlots.after("web", INTERVAL, muchLater)).toMillis() % 15_000)
			.isZero();
	}

	@Test
	void groupsNamedInSequenceSpreadEvenlyOverTheInterval() {
		// As a script registers them: 1,000 groups whose names differ in their last digits.
		Map<Long, Long> perSecond = IntStream.range(0, 1000)
			.mapToObj((i) -> "load-%05d".formatted(i))
			.collect(Collectors.groupingBy((group) -> EvaluationSlots.offset(group, INTERVAL.toMillis()) / 1000,
					Collectors.counting()));
		// 66.7 a second if even. Their plain string hashes would leave four seconds empty and put 100 in
		// each of the others; mixed, no second has more than one and a half times its share.
		assertThat(perSecond).hasSize(15).allSatisfy((second, count) -> assertThat(count).isBetween(33L, 100L));
	}

	@Provide
	Arbitrary<Instant> instants() {
		return Arbitraries.longs()
			.between(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli() * 1000,
					Instant.parse("2040-01-01T00:00:00Z").toEpochMilli() * 1000)
			.map((micros) -> Instant.EPOCH.plusNanos(micros * 1000));
	}

}
