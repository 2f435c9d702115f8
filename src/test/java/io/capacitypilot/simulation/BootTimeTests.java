package io.capacitypilot.simulation;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BootTimeTests {

	private final BootTime uniform = new BootTime(Duration.ofSeconds(60), Duration.ofSeconds(240));

	@Test
	void drawsWithinTheBounds() {
		assertThat(Stream.generate(this.uniform.sampler(3)).limit(1000))
			.allSatisfy((boot) -> assertThat(boot).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(240)))
			.anySatisfy((boot) -> assertThat(boot).isLessThan(Duration.ofSeconds(90)))
			.anySatisfy((boot) -> assertThat(boot).isGreaterThan(Duration.ofSeconds(210)));
	}

	@Test
	void theSameSeedDrawsTheSameSequence() {
		Supplier<Duration> first = this.uniform.sampler(11);
		Supplier<Duration> second = this.uniform.sampler(11);
		assertThat(Stream.generate(second).limit(50)).containsExactlyElementsOf(Stream.generate(first).limit(50).toList());
	}

	@Test
	void aFixedBootTimeIsAlwaysTheSame() {
		assertThat(Stream.generate(BootTime.fixed(Duration.ofMinutes(3)).sampler(1)).limit(5))
			.containsOnly(Duration.ofMinutes(3));
	}

}
