package io.capacitypilot.metrics.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricWindow;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the answers CloudWatch gives (and the emulator cannot produce: pages of one series, failed
 * queries, several series for one expression) become windows.
 */
class MetricDataAnswersTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private static final CloudWatchQuery QUERY = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
			Map.of("AutoScalingGroupName", "web"), "Average", Duration.ofMinutes(1));

	private final MetricDataAnswers answers = new MetricDataAnswers();

	@Test
	void pagesOfOneSeriesAreJoined() {
		this.answers.add(result("q0", "CPUUtilization", StatusCode.PARTIAL_DATA, minutesAgo(3), 30.0));
		this.answers.add(result("q0", "CPUUtilization", StatusCode.COMPLETE, minutesAgo(2), 60.0));

		MetricWindow window = this.answers.window("q0", QUERY, NOW.minus(Duration.ofMinutes(10)), NOW);

		assertThat(window.failed()).isFalse();
		assertThat(window.datapoints()).containsExactly(new Datapoint(minutesAgo(3), 30.0),
				new Datapoint(minutesAgo(2), 60.0));
	}

	@Test
	void datapointsBeforeTheQuerysOwnLookbackAreDropped() {
		this.answers.add(result("q0", "CPUUtilization", StatusCode.COMPLETE, minutesAgo(8), 10.0));
		this.answers.add(result("q0", "CPUUtilization", StatusCode.COMPLETE, minutesAgo(1), 20.0));

		MetricWindow window = this.answers.window("q0", QUERY, NOW.minus(Duration.ofMinutes(5)), NOW);

		assertThat(window.datapoints()).extracting(Datapoint::value).containsExactly(20.0);
	}

	@Test
	void aQueryCloudWatchFailedGivesAFailedWindowWithItsMessages() {
		this.answers.add(MetricDataResult.builder()
			.id("q0")
			.statusCode(StatusCode.INTERNAL_ERROR)
			.messages(MessageData.builder().code("InternalError").value("try again later").build())
			.build());

		MetricWindow window = this.answers.window("q0", QUERY, NOW.minus(Duration.ofMinutes(5)), NOW);

		assertThat(window.failed()).isTrue();
		assertThat(window.error()).isEqualTo("CloudWatch answered InternalError: try again later");
	}

	@Test
	void anExpressionReturningSeveralSeriesIsNotMixedIntoOneWindow() {
		this.answers.add(result("q0", "web-1", StatusCode.COMPLETE, minutesAgo(1), 10.0));
		this.answers.add(result("q0", "web-2", StatusCode.COMPLETE, minutesAgo(1), 90.0));

		MetricWindow window = this.answers.window("q0", QUERY, NOW.minus(Duration.ofMinutes(5)), NOW);

		assertThat(window.failed()).isTrue();
		assertThat(window.error()).startsWith("the expression returned 2 time series [web-1, web-2]");
	}

	@Test
	void aQueryWithoutAnswerIsEmptyNotZero() {
		MetricWindow window = this.answers.window("q7", QUERY, NOW.minus(Duration.ofMinutes(5)), NOW);

		assertThat(window.failed()).isFalse();
		assertThat(window.datapoints()).isEmpty();
	}

	private static MetricDataResult result(String id, String label, StatusCode status, Instant timestamp, double value) {
		return MetricDataResult.builder()
			.id(id)
			.label(label)
			.statusCode(status)
			.timestamps(List.of(timestamp))
			.values(List.of(value))
			.build();
	}

	private static Instant minutesAgo(int minutes) {
		return NOW.minus(Duration.ofMinutes(minutes));
	}

}
