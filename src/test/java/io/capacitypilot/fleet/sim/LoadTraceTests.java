package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadTraceTests {

	private static final Instant START = Instant.parse("1998-06-10T00:00:00Z");

	private final LoadTrace trace = LoadTrace.of(START, Duration.ofMinutes(1), 10, 20, 30, 40);

	@Test
	void findsTheSampleInForce() {
		assertThat(this.trace.indexAt(START.minusSeconds(1))).isEqualTo(-1);
		assertThat(this.trace.indexAt(START)).isZero();
		assertThat(this.trace.indexAt(START.plusSeconds(119))).isEqualTo(1);
		assertThat(this.trace.indexAt(START.plusSeconds(600))).isEqualTo(3);
	}

	@Test
	void scalesTimeAndLoad() {
		LoadTrace scaled = this.trace.scaled(0.5, 3);

		assertThat(scaled.step()).isEqualTo(Duration.ofSeconds(30));
		assertThat(scaled.start()).isEqualTo(START);
		assertThat(scaled.end()).isEqualTo(START.plusSeconds(120));
		assertThat(scaled.rate(3)).isEqualTo(120);
	}

	@Test
	void cutsAWindow() {
		LoadTrace window = this.trace.between(START.plusSeconds(60), START.plusSeconds(180));

		assertThat(window.size()).isEqualTo(2);
		assertThat(window.start()).isEqualTo(START.plusSeconds(60));
		assertThat(window.rate(1)).isEqualTo(30);
	}

}
