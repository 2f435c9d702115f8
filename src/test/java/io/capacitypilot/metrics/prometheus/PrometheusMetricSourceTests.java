package io.capacitypilot.metrics.prometheus;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.PrometheusQuery;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.capacitypilot.metrics.MicrometerEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against a real Prometheus scraping a real Micrometer endpoint every second. The endpoint exposes
 * a load gauge (one series) and a queue gauge (two series).
 */
class PrometheusMetricSourceTests {

	private static final AtomicInteger load = new AtomicInteger(42);

	private static MicrometerEndpoint app;

	private static PrometheusServer prometheus;

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final MetricSourceMonitor monitor = new MetricSourceMonitor("prometheus", this.meters, Clock.systemUTC());

	@BeforeAll
	static void startPrometheus() throws Exception {
		PrometheusServer.assumeInstalled();
		app = MicrometerEndpoint.start();
		Gauge.builder("shop.load", load, AtomicInteger::get).register(app.registry());
		Gauge.builder("shop.queue", () -> 1).tag("queue", "orders").register(app.registry());
		Gauge.builder("shop.queue", () -> 2).tag("queue", "payments").register(app.registry());
		prometheus = PrometheusServer.start(MicrometerEndpoint.PATH, List.of(app.host() + ":" + app.port()));
	}

	@AfterAll
	static void stopPrometheus() throws Exception {
		if (prometheus != null) {
			prometheus.close();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void rangeQueryReturnsOneDatapointPerStepAlignedToTheStep() {
		PrometheusMetricSource source = source(prometheus.url(), PrometheusAuthentication.NONE);
		PrometheusQuery query = new PrometheusQuery("sum(shop_load)", Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			MetricWindow window = fetch(source, query, Duration.ofSeconds(5));
			assertThat(window.error()).isNull();
			assertThat(window.datapoints()).hasSizeGreaterThanOrEqualTo(3)
				.allSatisfy((datapoint) -> {
					assertThat(datapoint.value()).isEqualTo(42.0);
					assertThat(datapoint.timestamp().getNano()).isZero();
				});
		});
		assertThat(this.meters.get("capacitypilot.metrics.query").tag("outcome", "success").timer().count())
			.isPositive();
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void instantQueryWhenTheLookbackIsShorterThanAPeriod() {
		PrometheusMetricSource source = source(prometheus.url(), PrometheusAuthentication.NONE);
		PrometheusQuery query = new PrometheusQuery("sum(shop_load) * 2", Duration.ofSeconds(15));
		Instant now = Instant.now();
		MetricWindow window = source.fetch(List.of(new MetricRequest(query, Duration.ZERO)), now).get(query);
		assertThat(window.error()).isNull();
		assertThat(window.datapoints()).extracting(Datapoint::value).containsExactly(84.0);
		assertThat(window.datapoints().getFirst().timestamp().toEpochMilli()).isEqualTo(now.toEpochMilli());
	}

	@Test
	void severalSeriesFailTheWindowAndAskForAnAggregation() {
		PrometheusMetricSource source = source(prometheus.url(), PrometheusAuthentication.NONE);
		PrometheusQuery query = new PrometheusQuery("shop_queue", Duration.ofSeconds(1));
		MetricWindow window = fetch(source, query, Duration.ZERO);
		assertThat(window.failed()).isTrue();
		assertThat(window.datapoints()).isEmpty();
		assertThat(window.error()).contains("2 series").contains("orders").contains("payments").contains("sum(");
	}

	@Test
	void aBadQueryFailsTheWindowButNotTheSourceHealth() {
		PrometheusMetricSource source = source(prometheus.url(), PrometheusAuthentication.NONE);
		PrometheusQuery query = new PrometheusQuery("sum(shop_load", Duration.ofSeconds(1));
		MetricWindow window = fetch(source, query, Duration.ofMinutes(1));
		assertThat(window.error()).startsWith("Prometheus rejected the query: ");
		assertThat(this.meters.get("capacitypilot.metrics.query").tag("outcome", "error").timer().count()).isOne();
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void noDataIsAFailedWindowNotZero() {
		PrometheusMetricSource source = source(prometheus.url(), PrometheusAuthentication.NONE);
		PrometheusQuery query = new PrometheusQuery("sum(no_such_metric)", Duration.ofSeconds(1));
		MetricWindow window = fetch(source, query, Duration.ofSeconds(10));
		assertThat(window.error()).isEqualTo("the query returned no data");
	}

	@Test
	void anUnreachableServerFailsTheWindowAndTakesTheHealthDown() throws Exception {
		URI nowhere;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		PrometheusMetricSource source = source(nowhere, PrometheusAuthentication.NONE);
		PrometheusQuery query = new PrometheusQuery("sum(shop_load)", Duration.ofSeconds(1));
		MetricWindow window = fetch(source, query, Duration.ofSeconds(10));
		assertThat(window.error()).contains("could not be reached");
		assertThat(this.monitor.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.monitor.health().getDetails()).containsKey("lastError");
		assertThat(this.meters.get("capacitypilot.metrics.calls").tag("outcome", "failed").counter().count())
			.isOne();
	}

	@Test
	void bearerTokenIsSent() throws Exception {
		try (AuthGateway gateway = AuthGateway.requiringHeader(prometheus.url(), "Bearer s3cret")) {
			PrometheusQuery query = new PrometheusQuery("sum(shop_load)", Duration.ofSeconds(1));
			PrometheusMetricSource right = source(gateway.url(), auth(bearer("s3cret")));
			PrometheusMetricSource wrong = source(gateway.url(), auth(bearer("wrong")));
			assertThat(fetch(right, query, Duration.ZERO).datapoints()).extracting(Datapoint::value)
				.containsExactly(42.0);
			assertThat(fetch(wrong, query, Duration.ZERO).error()).contains("HTTP 401");
		}
	}

	@Test
	void basicCredentialsAreSent() throws Exception {
		try (AuthGateway gateway = AuthGateway.requiringHeader(prometheus.url(), "Basic b3BzOnBhc3M6d29yZA==")) {
			PrometheusQuery query = new PrometheusQuery("sum(shop_load)", Duration.ofSeconds(1));
			MetricWindow window = fetch(
					source(gateway.url(), auth(new PrometheusProperties.Auth(null, "ops", "pass:word", null))), query,
					Duration.ZERO);
			assertThat(window.datapoints()).extracting(Datapoint::value).containsExactly(42.0);
		}
	}

	@Test
	void sigV4SignedQueriesPassASignatureCheck() throws Exception {
		AwsBasicCredentials credentials = AwsBasicCredentials.create("AKIDEXAMPLE",
				"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
		try (AuthGateway gateway = AuthGateway.requiringSigV4(prometheus.url(), credentials, "eu-west-1", "aps")) {
			PrometheusProperties.Auth sigv4 = new PrometheusProperties.Auth(null, null, null,
					new PrometheusProperties.SigV4("eu-west-1", "aps"));
			// Braces, quotes and brackets in the query must be signed exactly as they are sent.
			PrometheusQuery query = new PrometheusQuery("sum(max_over_time(shop_load{job=\"app\"}[5s]))",
					Duration.ofSeconds(1));
			PrometheusMetricSource signed = source(gateway.url(),
					PrometheusAuthentication.of(sigv4, () -> StaticCredentialsProvider.create(credentials)));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					fetch(signed, query, Duration.ofSeconds(3)).datapoints()).isNotEmpty()
				.allSatisfy((datapoint) -> assertThat(datapoint.value()).isEqualTo(42.0)));
			PrometheusMetricSource wrongRegion = source(gateway.url(),
					PrometheusAuthentication.of(new PrometheusProperties.Auth(null, null, null,
							new PrometheusProperties.SigV4("us-east-1", "aps")),
							() -> StaticCredentialsProvider.create(credentials)));
			assertThat(fetch(wrongRegion, query, Duration.ZERO).error()).contains("HTTP 401");
		}
	}

	@Test
	void tlsWithATrustStoreFromAnSslBundle(@TempDir Path directory) throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
		try (AuthGateway gateway = AuthGateway.tls(prometheus.url(), certificate.serverContext())) {
			PrometheusQuery query = new PrometheusQuery("sum(shop_load)", Duration.ofSeconds(1));
			ApplicationContextRunner contexts = new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
				.withUserConfiguration(PrometheusConfiguration.class)
				.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
				.withPropertyValues("capacitypilot.metrics.prometheus.base-url=" + gateway.url());
			contexts.run((context) -> assertThat(fetch(context.getBean(PrometheusMetricSource.class), query,
					Duration.ZERO)
				.error()).contains("could not be reached"));
			contexts
				.withPropertyValues("capacitypilot.metrics.prometheus.ssl-bundle=prometheus",
						"spring.ssl.bundle.pem.prometheus.truststore.certificate=file:" + certificate.certificate())
				.run((context) -> assertThat(fetch(context.getBean(PrometheusMetricSource.class), query, Duration.ZERO)
					.datapoints()).extracting(Datapoint::value).containsExactly(42.0));
		}
	}

	private static PrometheusProperties.Auth bearer(String token) {
		return new PrometheusProperties.Auth(token, null, null, null);
	}

	private static PrometheusAuthentication auth(PrometheusProperties.Auth auth) {
		return PrometheusAuthentication.of(auth, () -> {
			throw new IllegalStateException("no AWS credentials are needed without SigV4");
		});
	}

	private PrometheusMetricSource source(URI url, PrometheusAuthentication authentication) {
		return new PrometheusMetricSource(url, Duration.ofSeconds(5), HttpClient.newHttpClient(), authentication,
				JsonMapper.shared(), this.monitor);
	}

	private static MetricWindow fetch(PrometheusMetricSource source, PrometheusQuery query, Duration lookback) {
		Map<?, MetricWindow> windows = source.fetch(List.of(new MetricRequest(query, lookback)), Instant.now());
		return windows.get(query);
	}

}
