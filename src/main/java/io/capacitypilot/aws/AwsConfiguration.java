package io.capacitypilot.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The AWS SDK set-up shared by the AWS fleet and the CloudWatch metric source, present only when the
 * service drives real (or emulated) AWS: {@code capacitypilot.cloud=aws}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "aws")
@EnableConfigurationProperties(AwsSdkProperties.class)
public class AwsConfiguration {

	@Bean
	AwsCallMetrics awsCallMetrics(MeterRegistry registry) {
		return new AwsCallMetrics(registry);
	}

	@Bean
	AwsClients awsClients(AwsClientBuilderConfigurer configurer, AwsSdkProperties properties,
			AwsCallMetrics callMetrics) {
		return new AwsClients(configurer, properties, callMetrics);
	}

}
