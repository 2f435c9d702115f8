package io.capacitypilot.fleet.sim;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadSampleTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void cpuIsTheLoadOverTheServingCapacity() {
		assertThat(new LoadSample(NOW, 150, 3, 100).cpuUtilization()).isCloseTo(50, within(1e-9));
		assertThat(new LoadSample(NOW, 70, 1, 100).cpuUtilization()).isCloseTo(70, within(1e-9));
	}

	@Test
	void cpuSaturatesAtOneHundredPercent() {
		assertThat(new LoadSample(NOW, 900, 3, 100).cpuUtilization()).isEqualTo(100);
	}

	@Test
	void aGroupWithNothingServingIsSaturatedUnderLoadAndIdleWithout() {
		assertThat(new LoadSample(NOW, 10, 0, 100).cpuUtilization()).isEqualTo(100);
		assertThat(new LoadSample(NOW, 0, 0, 100).cpuUtilization()).isZero();
	}

}
