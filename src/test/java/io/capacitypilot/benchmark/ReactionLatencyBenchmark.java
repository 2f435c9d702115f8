package io.capacitypilot.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.capacitypilot.CapacityPilotApplication;
import io.capacitypilot.testsupport.AwsEmulator;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.ec2.Ec2Client;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Reaction latency: from the moment a metric breach is readable in CloudWatch to the moment the
 * Auto Scaling Group's desired capacity has changed, against the AWS emulator, with the default
 * evaluation interval. A benchmark, not a test: it prints figures for docs/performance.md.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.capacitypilot.benchmark.ReactionLatencyBenchmark -Dexec.args="10 PT15S"
 * </pre>
 */
public final class ReactionLatencyBenchmark {

	private ReactionLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int trials = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		Duration interval = (args.length > 1) ? Duration.parse(args[1]) : Duration.ofSeconds(15);
		AwsEmulator emulator = AwsEmulator.get();
		emulator.reset();
		SpringApplicationBuilder builder = new SpringApplicationBuilder(CapacityPilotApplication.class)
			.properties("capacitypilot.cloud=aws", "server.port=0", "logging.level.root=WARN",
					"spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		emulator.springProperties().forEach((key, value) -> builder.properties(key + "=" + value));
		try (ConfigurableApplicationContext context = builder.run();
				AutoScalingClient autoScaling = emulator.configure(AutoScalingClient.builder()).build();
				CloudWatchClient cloudWatch = emulator.configure(CloudWatchClient.builder()).build();
				Ec2Client ec2 = emulator.configure(Ec2Client.builder()).build()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			RestClient api = RestClient.create("http://localhost:" + port);
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("bench")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			List<Long> latencies = new ArrayList<>();
			for (int trial = 0; trial < trials; trial++) {
				String name = "bench-" + trial;
				autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(name)
					.launchTemplate((template) -> template.launchTemplateName("bench"))
					.minSize(1)
					.maxSize(10)
					.desiredCapacity(2)
					.availabilityZones("us-east-1a"));
				Instant start = Instant.now();
				putCpu(cloudWatch, name, 40, start.minusSeconds(60));
				register(api, name, interval);
				// Let the group settle into its rhythm, then breach at a random point of the interval.
				waitForDecision(api, name);
				Thread.sleep((long) (Math.random() * interval.toMillis()));
				putCpu(cloudWatch, name, 90, Instant.now());
				long readable = System.nanoTime();
				while (desired(autoScaling, name) == 2) {
					Thread.onSpinWait();
				}
				long latency = (System.nanoTime() - readable) / 1_000_000;
				latencies.add(latency);
				System.out.printf("trial %d: %d ms%n", trial, latency);
			}
			latencies.sort(Long::compare);
			System.out.printf("interval %s, %d trials: min %d ms, median %d ms, p90 %d ms, max %d ms (goal <= %d ms)%n",
					interval, trials, latencies.getFirst(), latencies.get(trials / 2),
					latencies.get((int) Math.ceil(trials * 0.9) - 1), latencies.getLast(), interval.toMillis() + 1000);
		}
	}

	private static void register(RestClient api, String name, Duration interval) {
		api.post().uri("/api/v1/groups").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "autoScalingGroupName", name, "region", "us-east-1", "evaluationInterval",
					interval.toString(), "mode", "active"))
			.retrieve().toBodilessEntity();
		api.post().uri("/api/v1/groups/{name}/policies", name).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "cpu", "type", "target-tracking", "targetValue", 50, "metric",
					Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName", "CPUUtilization",
							"dimensions", Map.of("AutoScalingGroupName", name), "statistic", "Average", "period", "PT1M")))
			.retrieve().toBodilessEntity();
	}

	@SuppressWarnings("unchecked")
	private static void waitForDecision(RestClient api, String name) throws InterruptedException {
		while (((List<Object>) api.get().uri("/api/v1/groups/{name}/decisions", name).retrieve().body(Map.class)
			.get("items")).isEmpty()) {
			Thread.sleep(50);
		}
	}

	private static int desired(AutoScalingClient autoScaling, String name) {
		return autoScaling.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(name))
			.autoScalingGroups().getFirst().desiredCapacity();
	}

	private static void putCpu(CloudWatchClient cloudWatch, String name, double value, Instant at) {
		cloudWatch.putMetricData((request) -> request.namespace("AWS/EC2")
			.metricData((datum) -> datum.metricName("CPUUtilization")
				.dimensions(Dimension.builder().name("AutoScalingGroupName").value(name).build())
				.timestamp(at)
				.value(value)));
	}

}
