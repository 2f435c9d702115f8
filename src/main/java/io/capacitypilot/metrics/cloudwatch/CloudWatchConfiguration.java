package io.capacitypilot.metrics.cloudwatch;

import java.time.Clock;

import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.aws.RegionalClients;
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
	RegionalClients<CloudWatchClient> cloudWatchClients(AwsClients clients) {
		return clients.regional(CloudWatchClient::builder);
	}

	@Bean
	MetricSourceMonitor cloudWatchHealthIndicator(MeterRegistry registry, ObjectProvider<Clock> clock) {
		return new MetricSourceMonitor("cloudwatch", registry, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	CloudWatchMetricSource cloudWatchMetricSource(RegionalClients<CloudWatchClient> cloudWatchClients,
			MetricSourceMonitor cloudWatchHealthIndicator) {
		return new CloudWatchMetricSource(cloudWatchClients::in, cloudWatchHealthIndicator);
	}

}
