package io.capacitypilot.fleet.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceReaderTests {

	@Test
	void readsRatesByColumnNameAndKeepsMissingSamplesInPlace() throws IOException {
		LoadTrace trace = read("""
				timestamp_seconds,requests_per_minute,requests_per_second,valid
				900,600,10.0,1
				960,0,0,0
				1020,1800,30.0,1
				""");

		assertThat(trace.size()).isEqualTo(3);
		assertThat(trace.start()).isEqualTo(Instant.ofEpochSecond(900));
		assertThat(trace.step()).isEqualTo(Duration.ofMinutes(1));
		assertThat(trace.end()).isEqualTo(Instant.ofEpochSecond(1080));
		assertThat(trace.rate(0)).isEqualTo(10);
		assertThat(trace.valid(1)).isFalse();
		assertThat(trace.rate(1)).isNaN();
		assertThat(trace.rateAt(Instant.ofEpochSecond(970))).as("a gap in the record is not a gap in the load")
			.isEqualTo(10);
		assertThat(trace.rateAt(Instant.ofEpochSecond(1079))).isEqualTo(30);
	}

	@Test
	void theValidColumnIsOptional() throws IOException {
		LoadTrace trace = read("requests_per_second,timestamp_seconds\n5,0\n6,3600\n");

		assertThat(trace.valid(0)).isTrue();
		assertThat(trace.step()).isEqualTo(Duration.ofHours(1));
		assertThat(trace.rate(1)).isEqualTo(6);
	}

	@Test
	void rejectsAFileThatIsNotATrace() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("time,rps\n1,2\n"))
			.withMessageContaining("no column timestamp_seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read("timestamp_seconds,requests_per_second\n60,1\n0,2\n"))
			.withMessageContaining("line 3");
	}

	@Test
	void readsTheBundledWorldCupTrace() throws IOException {
		try (InputStream in = new ClassPathResource("traces/worldcup98/wc98_requests_per_minute.csv").getInputStream()) {
			LoadTrace trace = TraceReader.read(in, "worldcup98");

			assertThat(trace.size()).isEqualTo(125_310);
			assertThat(trace.start()).isEqualTo(Instant.parse("1998-04-30T21:30:00Z"));
			assertThat(trace.step()).isEqualTo(Duration.ofMinutes(1));
		}
	}

	private static LoadTrace read(String csv) throws IOException {
		return TraceReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv");
	}

}
