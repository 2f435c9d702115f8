package io.capacitypilot.metrics.prometheus;

import java.net.http.HttpClient;
import java.time.Clock;

import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Prometheus query source, when {@code capacitypilot.metrics.prometheus.base-url} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "capacitypilot.metrics.prometheus", name = "base-url")
@EnableConfigurationProperties(PrometheusProperties.class)
class PrometheusConfiguration {

	@Bean
	MetricSourceMonitor prometheusHealthIndicator(MeterRegistry registry, ObjectProvider<Clock> clock) {
		return new MetricSourceMonitor("prometheus", registry, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	PrometheusMetricSource prometheusMetricSource(PrometheusProperties properties,
			MetricSourceMonitor prometheusHealthIndicator, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<JsonMapper> json) {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(properties.timeout());
		if (properties.sslBundle() != null) {
			client.sslContext(sslBundles.getObject().getBundle(properties.sslBundle()).createSslContext());
		}
		PrometheusAuthentication authentication = PrometheusAuthentication.of(properties.auth(),
				() -> credentials.getIfAvailable(() -> DefaultCredentialsProvider.builder().build()));
		return new PrometheusMetricSource(properties.baseUrl(), properties.timeout(), client.build(), authentication,
				json.getIfAvailable(JsonMapper::shared), prometheusHealthIndicator);
	}

}
