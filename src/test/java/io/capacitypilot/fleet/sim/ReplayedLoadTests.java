package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayedLoadTests {

	private static final Instant TRACE_START = Instant.parse("1998-06-10T00:00:00Z");

	private static final Instant WALL_START = Instant.parse("2026-01-01T00:00:00Z");

	/** Four one-minute samples: 10, 20, 30, 40 requests/s. */
	private final LoadTrace trace = LoadTrace.of(TRACE_START, Duration.ofMinutes(1), 10, 20, 30, 40);

	@Test
	void playsSpeedUpTraceSecondsPerWallClockSecondFromTheStartOffset() {
		ReplayedLoad load = new ReplayedLoad(this.trace, WALL_START, TRACE_START.plusSeconds(60), 60, 1);

		assertThat(load.traceTime(WALL_START)).isEqualTo(TRACE_START.plusSeconds(60));
		assertThat(load.traceTime(WALL_START.plusSeconds(1))).isEqualTo(TRACE_START.plusSeconds(120));
		assertThat(load.requestsPerSecond(WALL_START)).isEqualTo(20);
		assertThat(load.requestsPerSecond(WALL_START.plusMillis(999))).isEqualTo(20);
		assertThat(load.requestsPerSecond(WALL_START.plusSeconds(1))).isEqualTo(30);
		assertThat(load.requestsPerSecond(WALL_START.plusSeconds(2))).isEqualTo(40);
	}

	@Test
	void startsTheTraceAgainWhenItRunsOut() {
		ReplayedLoad load = new ReplayedLoad(this.trace, WALL_START, TRACE_START, 60, 1);

		assertThat(load.traceTime(WALL_START.plusSeconds(4))).isEqualTo(TRACE_START);
		assertThat(load.requestsPerSecond(WALL_START.plusSeconds(5))).isEqualTo(20);
	}

	@Test
	void scalesTheLoad() {
		ReplayedLoad load = new ReplayedLoad(this.trace, WALL_START, TRACE_START, 1, 0.5);

		assertThat(load.requestsPerSecond(WALL_START.plusSeconds(150))).isEqualTo(15);
	}

	@Test
	void aDayOfTracePassesInTwentyFourMinutesAtTheDefaultSpeedUp() {
		ReplayedLoad load = new ReplayedLoad(LoadTrace.of(TRACE_START, Duration.ofDays(1), 1, 2, 3), WALL_START,
				TRACE_START, 60, 1);

		assertThat(load.traceTime(WALL_START.plus(Duration.ofMinutes(24)))).isEqualTo(TRACE_START.plus(Duration.ofDays(1)));
	}

}
