package io.capacitypilot.metrics.scrape;

import java.time.Clock;

import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The direct scrape source, when {@code capacitypilot.metrics.scrape.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("capacitypilot.metrics.scrape.enabled")
@EnableConfigurationProperties(ScrapeProperties.class)
class ScrapeConfiguration {

	/** Without a discovery of the group's instances, the instances listed in configuration. */
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
