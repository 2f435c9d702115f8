package io.capacitypilot.metrics.cloudwatch;

import java.time.Clock;

import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** CloudWatch as a metric source, when {@code capacitypilot.cloud=aws}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "aws")
public class CloudWatchConfiguration {

	@Bean
	CloudWatchClient cloudWatchClient(AwsClients clients) {
		return clients.build(CloudWatchClient.builder());
	}

	@Bean
	MetricSourceMonitor cloudWatchHealthIndicator(MeterRegistry registry, ObjectProvider<Clock> clock) {
		return new MetricSourceMonitor("cloudwatch", registry, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	CloudWatchMetricSource cloudWatchMetricSource(CloudWatchClient cloudWatch,
			MetricSourceMonitor cloudWatchHealthIndicator) {
		return new CloudWatchMetricSource(cloudWatch, cloudWatchHealthIndicator);
	}

}
