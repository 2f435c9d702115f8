package io.capacitypilot.metrics.cloudwatch;

import io.capacitypilot.aws.AwsClients;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

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
	CloudWatchMetricSource cloudWatchMetricSource(CloudWatchClient cloudWatch) {
		return new CloudWatchMetricSource(cloudWatch);
	}

}
