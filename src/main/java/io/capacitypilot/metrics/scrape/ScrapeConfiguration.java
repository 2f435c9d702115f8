package io.capacitypilot.metrics.scrape;

import java.time.Clock;

import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The direct scrape source, when {@code capacitypilot.metrics.scrape.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("capacitypilot.metrics.scrape.enabled")
@EnableConfigurationProperties(ScrapeProperties.class)
class ScrapeConfiguration {

	/**
	 * On AWS, the instances are discovered: the serving instances of each group's Auto Scaling
	 * Group and its target groups.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "aws")
	static class AwsDiscovery {

		@Bean
		AwsInstanceAddresses awsInstanceAddresses(GroupCatalog catalog, AwsClients clients,
				ScrapeProperties properties) {
			return new AwsInstanceAddresses(
					(name) -> catalog.findGroup(name)
						.map(ManagedGroup::target),
					clients.regional(AutoScalingClient::builder),
					clients.regional(ElasticLoadBalancingV2Client::builder), clients.regional(Ec2Client::builder),
					properties.template());
		}

	}

	/** Without discovery (not on AWS), the instances listed in configuration. */
	@Bean
	@ConditionalOnMissingBean
	InstanceAddresses staticInstanceAddresses(ScrapeProperties properties) {
		return new StaticInstanceAddresses(properties.staticInstances(), properties.template());
	}

	@Bean
	MetricSourceMonitor scrapeHealthIndicator(MeterRegistry registry, ObjectProvider<Clock> clock) {
		return new MetricSourceMonitor("scrape", registry, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean(destroyMethod = "close")
	Scraper scraper(ScrapeProperties properties) {
		return new Scraper(properties.timeout(), properties.concurrency());
	}

	@Bean
	ScrapeMetricSource scrapeMetricSource(InstanceAddresses addresses, Scraper scraper, ScrapeProperties properties,
			MetricSourceMonitor scrapeHealthIndicator) {
		return new ScrapeMetricSource(addresses, scraper, properties.zeroDropConfirmation(), scrapeHealthIndicator);
	}

}
