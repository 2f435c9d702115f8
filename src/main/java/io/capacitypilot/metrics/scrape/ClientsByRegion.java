package io.capacitypilot.metrics.scrape;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/**
 * One SDK client per region a group lives in, built on first use through Spring Cloud AWS (its
 * credentials, default region and endpoint override) and closed with the application.
 */
class ClientsByRegion<C extends SdkClient> implements Function<String, C>, AutoCloseable {

	private static final String DEFAULT_REGION = "";

	private final Map<String, C> clients = new ConcurrentHashMap<>();

	private final Function<String, C> factory;

	<B extends AwsClientBuilder<B, C>> ClientsByRegion(AwsClientBuilderConfigurer configurer, Supplier<B> builders) {
		this.factory = (region) -> {
			B builder = configurer.configure(builders.get());
			if (!region.equals(DEFAULT_REGION)) {
				builder.region(Region.of(region));
			}
			return builder.build();
		};
	}

	/** The client of the region, or of the default region when {@code region} is null or blank. */
	@Override
	public C apply(String region) {
		String key = (region != null && !region.isBlank()) ? region : DEFAULT_REGION;
		return this.clients.computeIfAbsent(key, this.factory);
	}

	@Override
	public void close() {
		this.clients.values().forEach(SdkClient::close);
	}

}
