package io.capacitypilot.metrics.scrape;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class ExpositionParserTests {

	@Test
	void readsWhatMicrometerExposes() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		Counter.builder("orders.placed").tag("shop", "eu").register(registry).increment(3);
		Gauge.builder("queue.depth", () -> 7).register(registry);
		Timer.builder("http.server.requests")
			.tags("uri", "/api", "status", "200")
			.publishPercentileHistogram()
			.register(registry)
			.record(Duration.ofMillis(20));
		DistributionSummary.builder("payload.size").publishPercentiles(0.5).register(registry).record(100);

		List<Sample> samples = ExpositionParser.parse(registry.scrape());

		assertThat(samples).filteredOn((sample) -> sample.name().equals("orders_placed_total"))
			.extracting(Sample::labels, Sample::value, Sample::cumulative)
			.containsExactly(tuple(Map.of("shop", "eu"), 3.0, true));
		assertThat(samples).filteredOn((sample) -> sample.name().equals("queue_depth"))
			.extracting(Sample::value, Sample::cumulative)
			.containsExactly(tuple(7.0, false));
		assertThat(samples).filteredOn((sample) -> sample.name().equals("http_server_requests_seconds_count"))
			.extracting(Sample::labels, Sample::value, Sample::cumulative)
			.containsExactly(tuple(Map.of("uri", "/api", "status", "200"), 1.0, true));
		assertThat(samples).filteredOn((sample) -> sample.name().equals("http_server_requests_seconds_bucket"))
			.isNotEmpty()
			.allMatch(Sample::cumulative)
			.anyMatch((sample) -> sample.labels().get("le").equals("+Inf") && sample.value() == 1.0);
		assertThat(samples).filteredOn((sample) -> sample.name().equals("http_server_requests_seconds_max"))
			.extracting(Sample::cumulative)
			.containsExactly(false);
		assertThat(samples).filteredOn((sample) -> sample.name().equals("payload_size"))
			.extracting(Sample::labels, Sample::cumulative)
			.containsExactly(tuple(Map.of("quantile", "0.5"), false));
		assertThat(samples).filteredOn((sample) -> sample.name().equals("payload_size_sum"))
			.extracting(Sample::value, Sample::cumulative)
			.containsExactly(tuple(100.0, true));
	}

	@Test
	void readsEscapedLabelValuesSpecialValuesAndTimestamps() {
		String text = """
				# HELP jobs_total Jobs "done".
				# TYPE jobs_total counter
				jobs_total{path="C:\\\\temp",msg="say \\"hi\\"\\nbye", empty=""} 1.5e3 1700000000000
				# a free comment
				temperature NaN
				limit{kind="upper"} +Inf
				limit{kind="lower",} -Inf
				""";
		List<Sample> samples = ExpositionParser.parse(text);
		assertThat(samples).hasSize(4);
		assertThat(samples.getFirst().labels())
			.containsExactlyInAnyOrderEntriesOf(Map.of("path", "C:\\temp", "msg", "say \"hi\"\nbye", "empty", ""));
		assertThat(samples.getFirst().value()).isEqualTo(1500.0);
		assertThat(samples.getFirst().cumulative()).isTrue();
		assertThat(samples.get(1).value()).isNaN();
		assertThat(samples.get(2).value()).isInfinite().isPositive();
		assertThat(samples.get(3).value()).isInfinite().isNegative();
		assertThat(samples.get(3).labels()).containsExactly(Map.entry("kind", "lower"));
	}

	@Test
	void skipsTheMetricsNobodyWants() {
		String text = """
				# TYPE wanted counter
				wanted{a="1"} 2
				other{not even parsed 1
				wanted{a="2"} 3
				""";
		assertThat(ExpositionParser.parse(text, "wanted"::equals)).extracting(Sample::labels, Sample::cumulative)
			.containsExactly(tuple(Map.of("a", "1"), true), tuple(Map.of("a", "2"), true));
	}

	@Test
	void rejectsABrokenLineNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExpositionParser.parse("ok 1\nbroken{a=\"x} 1\n"))
			.withMessageContaining("line 2");
	}

}
