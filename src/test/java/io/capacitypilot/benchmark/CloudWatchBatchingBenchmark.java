package io.capacitypilot.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.capacitypilot.metrics.cloudwatch.CloudWatchMetricSource;
import io.capacitypilot.testsupport.AwsEmulator;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * GetMetricData calls per control tick for a fleet of many groups, against the AWS emulator (a
 * benchmark, not a test: it reports, it asserts nothing). Each group's policies ask for its own CPU
 * (Average) and request count (Sum), and every group also watches one shared queue-depth metric,
 * which must be fetched once. The goal is exactly {@code ceil(distinct queries / 500)} calls.
 *
 * <p>Run: {@code ./mvnw -B -ntp test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.capacitypilot.benchmark.CloudWatchBatchingBenchmark [-Dexec.args="5000 3"]}
 * (arguments: groups, ticks). Uses {@code AWS_TEST_ENDPOINT} or starts {@code moto_server}, as the
 * tests do.
 */
public final class CloudWatchBatchingBenchmark {

	private static final String NAMESPACE = "CapacityPilot/Benchmark";

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private CloudWatchBatchingBenchmark() {
	}

	public static void main(String[] args) {
		int groups = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int ticks = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		AwsEmulator emulator = AwsEmulator.get();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (CloudWatchClient cloudWatch = emulator.clients(registry).build(CloudWatchClient.builder())) {
			seedCpu(cloudWatch, groups, now);
			List<MetricRequest> tick = tick(groups);
			long distinct = tick.stream().map(MetricRequest::query).distinct().count();
			CloudWatchMetricSource source = new CloudWatchMetricSource((region, roleArn) -> cloudWatch,
					new MetricSourceMonitor("cloudwatch", registry, Clock.systemUTC()));
			Timer calls = registry.timer("capacitypilot.aws.calls", "service", "CloudWatch", "operation", "GetMetricData",
					"outcome", "SUCCESS");
			List<Long> tickMillis = new ArrayList<>();
			long answered = 0;
			for (int i = 0; i < ticks; i++) {
				long started = System.nanoTime();
				Map<MetricQuery, MetricWindow> windows = source.fetch(tick, now);
				tickMillis.add((System.nanoTime() - started) / 1_000_000);
				answered = windows.values().stream().filter((window) -> !window.datapoints().isEmpty()).count();
			}
			long failedCalls = registry.find("capacitypilot.aws.calls").timers().stream()
				.filter((timer) -> !"SUCCESS".equals(timer.getId().getTag("outcome")))
				.mapToLong(Timer::count)
				.sum();
			System.out.printf("groups=%d requests/tick=%d distinct queries/tick=%d%n", groups, tick.size(), distinct);
			System.out.printf("GetMetricData calls/tick=%.1f (goal ceil(%d/500)=%d), failed calls=%d%n",
					(double) calls.count() / ticks, distinct, (distinct + 499) / 500, failedCalls);
			System.out.printf("windows with data=%d, tick wall time against %s: %s ms%n", answered, emulator.endpoint(),
					tickMillis);
		}
		// The emulator process is stopped by its shutdown hook.
		System.exit(0);
	}

	private static List<MetricRequest> tick(int groups) {
		CloudWatchQuery queueDepth = new CloudWatchQuery("AWS/SQS", "ApproximateNumberOfMessagesVisible",
				Map.of("QueueName", "jobs"), "Maximum", MINUTE);
		List<MetricRequest> requests = new ArrayList<>();
		for (int group = 0; group < groups; group++) {
			requests.add(new MetricRequest(cpu(group), Duration.ofMinutes(5)));
			requests.add(new MetricRequest(new CloudWatchQuery("AWS/ApplicationELB", "RequestCountPerTarget",
					Map.of("TargetGroup", "targetgroup/group-" + group), "Sum", MINUTE), Duration.ofMinutes(5)));
			requests.add(new MetricRequest(queueDepth, Duration.ofMinutes(5)));
		}
		return requests;
	}

	private static CloudWatchQuery cpu(int group) {
		return new CloudWatchQuery(NAMESPACE, "CPUUtilization", Map.of("AutoScalingGroupName", "group-" + group),
				"Average", MINUTE);
	}

	// One CPU datapoint per group, so the windows are real answers and the emulator does real work.
	private static void seedCpu(CloudWatchClient cloudWatch, int groups, Instant now) {
		List<MetricDatum> data = IntStream.range(0, groups)
			.mapToObj((group) -> MetricDatum.builder()
				.metricName("CPUUtilization")
				.dimensions(Dimension.builder().name("AutoScalingGroupName").value("group-" + group).build())
				.timestamp(now.minus(MINUTE))
				.value(50.0)
				.build())
			.toList();
		for (int from = 0; from < data.size(); from += 1000) {
			List<MetricDatum> batch = data.subList(from, Math.min(from + 1000, data.size()));
			cloudWatch.putMetricData((request) -> request.namespace(NAMESPACE).metricData(batch));
		}
	}

}
