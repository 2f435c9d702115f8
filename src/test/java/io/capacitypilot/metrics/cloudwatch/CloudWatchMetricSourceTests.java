package io.capacitypilot.metrics.cloudwatch;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.aws.RegionalClients;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

@AwsEmulatorTest
class CloudWatchMetricSourceTests {

	private static final String NAMESPACE = "CapacityPilot/Test";

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final AwsEmulator emulator = AwsEmulator.get();

	private final RecordedCalls calls = new RecordedCalls();

	private final CloudWatchClient cloudWatch = this.emulator.configure(CloudWatchClient.builder())
		.overrideConfiguration((override) -> override.addExecutionInterceptor(this.calls))
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MetricSourceMonitor monitor = new MetricSourceMonitor("cloudwatch", this.registry, Clock.systemUTC());

	private final CloudWatchMetricSource source = new CloudWatchMetricSource((region, roleArn) -> this.cloudWatch,
			this.monitor);

	// CloudWatch keeps timestamps to the millisecond; seconds keep the expectations readable.
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	// The emulator is reset per class: each test reads a group of its own.
	private String group;

	@BeforeEach
	void nameGroupAfterTest(TestInfo test) {
		this.group = test.getTestMethod().orElseThrow().getName();
	}

	@AfterEach
	void close() {
		this.cloudWatch.close();
	}

	@Test
	void answersWithTheSeededDatapointsAndTheirTimestamps() {
		seed(this.group, 30.0, 60.0, 90.0);
		CloudWatchQuery cpu = cpu(this.group, "Average", MINUTE);

		MetricWindow window = fetch(Map.of(cpu, Duration.ofMinutes(10))).get(cpu);

		assertThat(window.failed()).isFalse();
		assertThat(window.fetchedAt()).isEqualTo(this.now);
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.UP);
		assertThat(window.datapoints()).containsExactly(new Datapoint(this.now.minus(MINUTE.multipliedBy(3)), 30.0),
				new Datapoint(this.now.minus(MINUTE.multipliedBy(2)), 60.0), new Datapoint(this.now.minus(MINUTE), 90.0));
		assertThat(this.calls.getMetricData().getFirst().startTime()).isEqualTo(this.now.minus(Duration.ofMinutes(10)));
		assertThat(this.calls.getMetricData().getFirst().endTime()).isEqualTo(this.now);
	}

	@Test
	void eachWindowKeepsItsOwnLookbackWithinOneCall() {
		seed(this.group, 30.0, 60.0, 90.0);
		CloudWatchQuery recent = cpu(this.group, "Maximum", MINUTE);
		CloudWatchQuery longer = cpu(this.group, "Average", MINUTE);

		Map<MetricQuery, MetricWindow> windows = fetch(Map.of(recent, Duration.ofSeconds(150), longer, Duration.ofMinutes(10)));

		assertThat(this.calls.queriesPerCall()).containsExactly(2);
		assertThat(windows.get(recent).datapoints()).extracting(Datapoint::value).containsExactly(60.0, 90.0);
		assertThat(windows.get(longer).datapoints()).extracting(Datapoint::value).containsExactly(30.0, 60.0, 90.0);
	}

	@Test
	void aMetricSharedByManyPoliciesIsAskedOnce() {
		seed(this.group, 42.0);
		CloudWatchQuery shared = cpu(this.group, "Average", MINUTE);
		CloudWatchQuery other = cpu(this.group + "-other", "Average", MINUTE);

		Map<MetricQuery, MetricWindow> windows = this.source.fetch(List.of(new MetricRequest(shared, Duration.ofMinutes(5)),
				new MetricRequest(other, Duration.ofMinutes(5)), new MetricRequest(shared, Duration.ofMinutes(10))),
				this.now);

		assertThat(windows).containsOnlyKeys(shared, other);
		assertThat(this.calls.queriesPerCall()).containsExactly(2);
		assertThat(this.calls.getMetricData().getFirst().startTime()).isEqualTo(this.now.minus(Duration.ofMinutes(10)));
		assertThat(this.calls.getMetricData().getFirst().endTime()).isEqualTo(this.now);
		assertThat(windows.get(shared).datapoints()).extracting(Datapoint::value).containsExactly(42.0);
	}

	@Test
	void aMetricWithNoDataGivesAnEmptyWindowNotZero() {
		CloudWatchQuery silent = cpu("idle", "Average", MINUTE);

		MetricWindow window = fetch(Map.of(silent, Duration.ofMinutes(10))).get(silent);

		assertThat(window.failed()).isFalse();
		assertThat(window.datapoints()).isEmpty();
		assertThat(window.isStale(this.now)).isTrue();
	}

	@Test
	void highResolutionPeriodsAndPercentilesGoOnTheWireAsCloudWatchSpellsThem() {
		CloudWatchQuery highResolution = cpu(this.group, "p90", Duration.ofSeconds(10));

		fetch(Map.of(highResolution, MINUTE));

		MetricDataQuery sent = this.calls.getMetricData().getFirst().metricDataQueries().getFirst();
		assertThat(sent.metricStat().period()).isEqualTo(10);
		assertThat(sent.metricStat().stat()).isEqualTo("p90");
		assertThat(sent.metricStat().metric().dimensions()).singleElement()
			.satisfies((dimension) -> assertThat(dimension.name() + "=" + dimension.value())
				.isEqualTo("AutoScalingGroupName=" + this.group));
	}

	@Test
	void expressionsArePassedThroughUntouched() {
		String insights = "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", AutoScalingGroupName)";
		CloudWatchQuery expression = new CloudWatchQuery(null, null, Map.of(), null, MINUTE, insights);

		MetricWindow window = fetch(Map.of(expression, Duration.ofMinutes(10))).get(expression);

		MetricDataQuery sent = this.calls.getMetricData().getFirst().metricDataQueries().getFirst();
		assertThat(sent.expression()).isEqualTo(insights);
		assertThat(sent.period()).isEqualTo(60);
		assertThat(sent.metricStat()).isNull();
		assertThat(window.failed()).isFalse();
	}

	@Test
	void aQueryCloudWatchWouldRejectFailsAloneInsteadOfBlindingTheWholeCall() {
		seed(this.group, 42.0);
		CloudWatchQuery good = cpu(this.group, "Average", MINUTE);
		CloudWatchQuery badPeriod = cpu(this.group, "Average", Duration.ofSeconds(45));
		CloudWatchQuery badStatistic = cpu(this.group, "Median", MINUTE);

		Map<MetricQuery, MetricWindow> windows = fetch(
				Map.of(good, Duration.ofMinutes(5), badPeriod, Duration.ofMinutes(5), badStatistic, Duration.ofMinutes(5)));

		assertThat(windows.get(good).datapoints()).extracting(Datapoint::value).containsExactly(42.0);
		assertThat(windows.get(badPeriod).error()).contains("PT45S");
		assertThat(windows.get(badStatistic).error()).contains("'Median' is not a CloudWatch statistic");
		assertThat(this.calls.queriesPerCall()).containsExactly(1);
	}

	@Test
	void anUnreachableCloudWatchFailsEveryQueryAndNeverAnswersZero() throws Exception {
		CloudWatchQuery cpu = cpu(this.group, "Average", MINUTE);
		try (CloudWatchClient unreachable = this.emulator.configure(CloudWatchClient.builder())
			.endpointOverride(URI.create("http://127.0.0.1:" + closedPort()))
			.build()) {
			Map<MetricQuery, MetricWindow> windows = new CloudWatchMetricSource((region, roleArn) -> unreachable, this.monitor)
				.fetch(List.of(new MetricRequest(cpu, Duration.ofMinutes(5))), this.now);

			assertThat(windows.get(cpu).failed()).isTrue();
			assertThat(windows.get(cpu).error()).startsWith("GetMetricData failed: ");
			assertThat(windows.get(cpu).datapoints()).isEmpty();
		}
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.registry.get("capacitypilot.metrics.query").tags("source", "cloudwatch", "outcome", "error").timer().count())
			.isEqualTo(1);
	}

	@Test
	void batchesEveryQueryOfATickIntoCallsOfAtMost500() {
		List<MetricRequest> queries = oneQueryPerGroup(1201);

		try (CloudWatchClient timed = this.emulator.clients(this.registry).build(CloudWatchClient.builder())) {
			Map<MetricQuery, MetricWindow> windows = new CloudWatchMetricSource((region, roleArn) -> timed, this.monitor)
				.fetch(queries, this.now);

			assertThat(windows).hasSize(1201).allSatisfy((query, window) -> assertThat(window.failed()).isFalse());
		}
		assertThat(this.registry.get("capacitypilot.aws.calls")
			.tags("service", "CloudWatch", "operation", "GetMetricData", "outcome", "SUCCESS")
			.timer()
			.count()).isEqualTo(3);
	}

	@Test
	void readsEachMetricInItsOwnRegionWithOneBatchPerRegion() {
		try (RegionalClients<CloudWatchClient> regions = this.emulator.clients(this.registry)
			.regional(CloudWatchClient::builder)) {
			// The same ASG name in two regions: two signals, not one.
			seedIn(regions.in("eu-west-1"), this.group, 20.0);
			seedIn(regions.in("us-west-2"), this.group, 80.0);
			assertEachReadApartInOneCallEach(regions, cpu(this.group, "Average", MINUTE).inRegion("eu-west-1"), 20.0,
					cpu(this.group, "Average", MINUTE).inRegion("us-west-2"), 80.0);
		}
	}

	@Test
	void readsEachMetricInItsGroupsAccountWithOneBatchPerAccount() {
		String role = "arn:aws:iam::210987654321:role/capacity-pilot";
		try (AwsClients clients = this.emulator.clients(this.registry);
				RegionalClients<CloudWatchClient> accounts = clients.regional(CloudWatchClient::builder)) {
			// The same ASG name in two accounts: two signals, not one.
			seedIn(accounts.in("us-east-1"), this.group, 70.0);
			seedIn(accounts.in("us-east-1", role), this.group, 30.0);
			CloudWatchQuery own = cpu(this.group, "Average", MINUTE).inRegion("us-east-1");
			CloudWatchQuery other = new CloudWatchQuery(own.namespace(), own.metricName(), own.dimensions(),
					own.statistic(), own.period(), null, "us-east-1", role);
			assertEachReadApartInOneCallEach(accounts, own, 70.0, other, 30.0);
		}
	}

	private void assertEachReadApartInOneCallEach(RegionalClients<CloudWatchClient> clients, CloudWatchQuery first,
			double firstValue, CloudWatchQuery second, double secondValue) {
		Map<MetricQuery, MetricWindow> windows = new CloudWatchMetricSource(clients::in, this.monitor)
			.fetch(List.of(new MetricRequest(first, Duration.ofMinutes(5)),
					new MetricRequest(second, Duration.ofMinutes(5))), this.now);
		assertThat(windows.get(first).datapoints()).extracting(Datapoint::value).containsExactly(firstValue);
		assertThat(windows.get(second).datapoints()).extracting(Datapoint::value).containsExactly(secondValue);
		assertThat(this.registry.get("capacitypilot.aws.calls")
			.tags("service", "CloudWatch", "operation", "GetMetricData", "outcome", "SUCCESS")
			.timer()
			.count()).isEqualTo(2);
	}

	@Test
	void noCallCarriesMoreThan500Queries() {
		this.source.fetch(oneQueryPerGroup(1201), this.now);

		assertThat(this.calls.queriesPerCall()).containsExactly(500, 500, 201);
	}

	@Test
	void queriesOfSimilarLookbackShareACallSoALongHistoryIsNotFetchedForAll() {
		List<MetricRequest> requests = new ArrayList<>();
		requests.add(new MetricRequest(cpu(this.group, "Average", Duration.ofHours(1)), Duration.ofDays(14)));
		requests.addAll(oneQueryPerGroup(500));

		this.source.fetch(requests, this.now);

		assertThat(this.calls.queriesPerCall()).containsExactly(500, 1);
		assertThat(this.calls.getMetricData()).extracting(GetMetricDataRequest::startTime)
			.containsExactly(this.now.minus(MINUTE), this.now.minus(Duration.ofDays(14)));
	}

	private Map<MetricQuery, MetricWindow> fetch(Map<CloudWatchQuery, Duration> lookbacks) {
		return this.source.fetch(requests(lookbacks), this.now);
	}

	private static List<MetricRequest> requests(Map<CloudWatchQuery, Duration> lookbacks) {
		return lookbacks.entrySet().stream().map((entry) -> new MetricRequest(entry.getKey(), entry.getValue())).toList();
	}

	private static List<MetricRequest> oneQueryPerGroup(int groups) {
		return IntStream.range(0, groups)
			.mapToObj((group) -> new MetricRequest(cpu("group-" + group, "Average", MINUTE), MINUTE))
			.toList();
	}

	private static CloudWatchQuery cpu(String group, String statistic, Duration period) {
		return new CloudWatchQuery(NAMESPACE, "CPUUtilization", Map.of("AutoScalingGroupName", group), statistic, period);
	}

	/** One datapoint a minute, the last a minute ago. */
	private void seed(String group, double... values) {
		seedIn(this.cloudWatch, group, values);
	}

	private void seedIn(CloudWatchClient cloudWatch, String group, double... values) {
		cloudWatch.putMetricData((request) -> request.namespace(NAMESPACE)
			.metricData(IntStream.range(0, values.length)
				.mapToObj((i) -> MetricDatum.builder()
					.metricName("CPUUtilization")
					.dimensions(Dimension.builder().name("AutoScalingGroupName").value(group).build())
					.timestamp(this.now.minus(MINUTE.multipliedBy(values.length - i)))
					.value(values[i])
					.build())
				.toList()));
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
