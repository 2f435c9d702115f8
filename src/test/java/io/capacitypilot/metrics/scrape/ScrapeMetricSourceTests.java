package io.capacitypilot.metrics.scrape;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.capacitypilot.metrics.MicrometerEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Three real HTTP servers on three loopback addresses and one port, each serving its own
 * Micrometer registry, reached through the same address template as EC2 instances are.
 */
class ScrapeMetricSourceTests {

	private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

	private static final Duration PERIOD = Duration.ofSeconds(15);

	private final List<MicrometerEndpoint> instances = new ArrayList<>();

	private final List<AtomicInteger> busy = new ArrayList<>();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final MetricSourceMonitor monitor = new MetricSourceMonitor("scrape", this.meters, Clock.systemUTC());

	private Scraper scraper;

	private ScrapeMetricSource source;

	@BeforeEach
	void startInstances() throws IOException {
		MicrometerEndpoint first = MicrometerEndpoint.start("127.0.0.2", 0);
		this.instances.add(first);
		this.instances.add(MicrometerEndpoint.start("127.0.0.3", first.port()));
		this.instances.add(MicrometerEndpoint.start("127.0.0.4", first.port()));
		for (MicrometerEndpoint instance : this.instances) {
			AtomicInteger threads = new AtomicInteger();
			Gauge.builder("worker.busy", threads, AtomicInteger::get).register(instance.registry());
			this.busy.add(threads);
		}
		AddressTemplate template = new AddressTemplate("http://{privateIp}:{port}{path}", first.port(),
				MicrometerEndpoint.PATH);
		InstanceAddresses addresses = new StaticInstanceAddresses(
				Map.of("web", List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")), template);
		this.scraper = new Scraper(Duration.ofSeconds(2), 16);
		this.source = new ScrapeMetricSource(addresses, this.scraper, Duration.ofMinutes(5), this.monitor);
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(MicrometerEndpoint::close);
		this.scraper.close();
	}

	@Test
	void aggregatesAGaugeAcrossInstances() {
		setBusy(10, 20, 60);
		assertThat(latest(fetch(gauge("avg"), T0))).isEqualTo(30.0);
		assertThat(latest(fetch(gauge("sum"), T0))).isEqualTo(90.0);
		assertThat(latest(fetch(gauge("max"), T0))).isEqualTo(60.0);
		assertThat(latest(fetch(gauge("min"), T0))).isEqualTo(10.0);
		assertThat(latest(fetch(gauge("p50"), T0))).isEqualTo(20.0);
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.meters.get("capacitypilot.metrics.query").tag("outcome", "success").timer().count())
			.isEqualTo(5);
	}

	@Test
	void countersBecomeRatesBetweenScrapesNarrowedByLabels() {
		ScrapeQuery requests = new ScrapeQuery("http_server_requests_seconds_count", Map.of("uri", "/api"), "sum",
				PERIOD, "web");
		serve(0, "/api", 100);
		serve(1, "/api", 200);
		serve(2, "/api", 300);
		serve(0, "/health", 1000);

		MetricWindow first = fetch(requests, T0);
		assertThat(first.failed()).isTrue();
		assertThat(first.error()).contains("no value of http_server_requests_seconds_count yet");

		serve(0, "/api", 30);
		serve(1, "/api", 60);
		serve(2, "/api", 150);
		serve(0, "/health", 1000);
		MetricWindow second = fetch(requests, T0.plus(PERIOD));
		// (30 + 60 + 150) requests in 15 s; /health is left out by the label.
		assertThat(second.datapoints()).containsExactly(new Datapoint(T0.plus(PERIOD), 16.0));
	}

	@Test
	void anInstanceThatDoesNotAnswerIsMissingNotZero() {
		setBusy(10, 20, 60);
		this.instances.get(2).close();
		MetricWindow average = fetch(gauge("avg"), T0);
		assertThat(latest(average)).isEqualTo(15.0);
		MetricWindow sum = fetch(gauge("sum"), T0);
		assertThat(sum.failed()).isTrue();
		assertThat(sum.error()).contains("sum over 3 instances is unknown while 1 are missing")
			.contains("127.0.0.4");
		assertThat(this.meters.get("capacitypilot.metrics.calls").tag("outcome", "answered").counter().count())
			.isEqualTo(4);
		assertThat(this.meters.get("capacitypilot.metrics.calls").tag("outcome", "failed").counter().count())
			.isEqualTo(2);
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void noInstanceAnsweringFailsTheWindowAndTakesTheHealthDown() {
		this.instances.forEach(MicrometerEndpoint::close);
		MetricWindow window = fetch(gauge("avg"), T0);
		assertThat(window.failed()).isTrue();
		assertThat(window.error()).startsWith("no instance of 3 gave a value");
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aSuddenDropToZeroEverywhereIsSuspectedUntilItLasts() {
		ScrapeQuery query = gauge("avg");
		setBusy(10, 20, 60);
		assertThat(latest(fetch(query, T0))).isEqualTo(30.0);
		setBusy(0, 0, 0);
		MetricWindow dropped = fetch(query, T0.plus(PERIOD));
		assertThat(dropped.failed()).isTrue();
		assertThat(dropped.error()).startsWith("suspected telemetry failure: all instances dropped to 0");
		assertThat(fetch(query, T0.plus(Duration.ofMinutes(4))).failed()).isTrue();
		MetricWindow believed = fetch(query, T0.plus(PERIOD).plus(Duration.ofMinutes(5)));
		assertThat(believed.failed()).isFalse();
		assertThat(latest(believed)).isZero();
	}

	@Test
	void aDropToZeroOnSomeInstancesIsBelievedAtOnce() {
		ScrapeQuery query = gauge("avg");
		setBusy(10, 20, 60);
		fetch(query, T0);
		setBusy(0, 0, 3);
		assertThat(latest(fetch(query, T0.plus(PERIOD)))).isEqualTo(1.0);
	}

	@Test
	void theWindowHoldsTheDatapointsOfTheLookback() {
		ScrapeQuery query = gauge("max");
		for (int tick = 0; tick < 6; tick++) {
			setBusy(tick + 1, 0, 0);
			fetch(query, T0.plus(PERIOD.multipliedBy(tick)));
		}
		MetricWindow window = this.source
			.fetch(List.of(new MetricRequest(query, PERIOD.multipliedBy(2))), T0.plus(PERIOD.multipliedBy(6)))
			.get(query);
		assertThat(window.datapoints()).extracting(Datapoint::value).containsExactly(5.0, 6.0, 6.0);
	}

	@Test
	void aQueryOfAGroupWithoutInstancesOrWithoutAGroupFails() {
		ScrapeQuery unknownGroup = gauge("avg").forGroup("nobody");
		assertThat(fetch(unknownGroup, T0).error()).isEqualTo("group nobody has no instances to scrape");
		ScrapeQuery unbound = new ScrapeQuery("worker_busy", Map.of(), "avg", PERIOD);
		assertThat(fetch(unbound, T0).error()).isEqualTo("the scrape query is not bound to a group");
	}

	@Test
	void keepsTheLatestValueOfEachInstanceByIdWhileItIsFresh() {
		InstanceAddresses discovered = (group) -> List.of(endpoint("i-2", 0), endpoint("i-3", 1), endpoint("i-4", 2));
		ScrapeMetricSource source = new ScrapeMetricSource(discovered, this.scraper, Duration.ofMinutes(5),
				this.monitor);
		ScrapeQuery query = gauge("avg");
		setBusy(10, 20, 60);
		this.instances.get(2).close();
		source.fetch(List.of(new MetricRequest(query, PERIOD)), T0);

		// The instance that did not answer has no load, not zero.
		assertThat(source.latest(query, T0)).containsOnly(entry("i-2", 10.0), entry("i-3", 20.0));
		assertThat(source.latest(query, T0.plus(PERIOD.multipliedBy(3)))).hasSize(2);
		assertThat(source.latest(query, T0.plus(PERIOD.multipliedBy(3)).plusMillis(1))).isEmpty();
		assertThat(source.latest(gauge("max"), T0)).isEmpty();
	}

	@Test
	void instancesListedByAddressAloneHaveNoLoadById() {
		ScrapeQuery query = gauge("avg");
		setBusy(10, 20, 60);
		assertThat(latest(fetch(query, T0))).isEqualTo(30.0);
		assertThat(this.source.latest(query, T0)).isEmpty();
	}

	private InstanceEndpoint endpoint(String instanceId, int instance) {
		return new InstanceEndpoint(instanceId, this.instances.get(instance).url());
	}

	private ScrapeQuery gauge(String aggregation) {
		return new ScrapeQuery("worker_busy", Map.of(), aggregation, PERIOD, "web");
	}

	private void setBusy(int... values) {
		for (int i = 0; i < values.length; i++) {
			this.busy.get(i).set(values[i]);
		}
	}

	private void serve(int instance, String uri, int requests) {
		Timer timer = Timer.builder("http.server.requests")
			.tag("uri", uri)
			.register(this.instances.get(instance).registry());
		for (int i = 0; i < requests; i++) {
			timer.record(Duration.ofMillis(5));
		}
	}

	private MetricWindow fetch(ScrapeQuery query, Instant now) {
		return this.source.fetch(List.of(new MetricRequest(query, PERIOD.multipliedBy(5))), now).get(query);
	}

	private static double latest(MetricWindow window) {
		assertThat(window.error()).isNull();
		return window.latest().orElseThrow().value();
	}

}
