package io.capacitypilot.metrics.scrape;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Direct scraping of the instances' Micrometer endpoints; on when {@code enabled} is true.
 *
 * @param enabled whether scrape queries are answered at all
 * @param addressTemplate how an instance becomes a URL; see {@link AddressTemplate}
 * @param port the port of the metrics endpoint on each instance
 * @param path the path of the metrics endpoint
 * @param timeout how long one instance may take to answer
 * @param concurrency how many instances are scraped at once at most
 * @param zeroDropConfirmation how long every instance must report exactly zero, after a positive
 * value, before the zeros are believed rather than taken for a telemetry failure
 * @param staticInstances addresses per group name, for fleets that are not discovered (and tests)
 */
@ConfigurationProperties("capacitypilot.metrics.scrape")
public record ScrapeProperties(boolean enabled, @DefaultValue("http://{privateIp}:{port}{path}") String addressTemplate,
		@DefaultValue("8080") int port, @DefaultValue("/actuator/prometheus") String path,
		@DefaultValue("5s") Duration timeout, @DefaultValue("256") int concurrency,
		@DefaultValue("5m") Duration zeroDropConfirmation, Map<String, List<String>> staticInstances) {

	public ScrapeProperties {
		staticInstances = (staticInstances != null) ? Map.copyOf(staticInstances) : Map.of();
	}

	public AddressTemplate template() {
		return new AddressTemplate(this.addressTemplate, this.port, this.path);
	}

}
