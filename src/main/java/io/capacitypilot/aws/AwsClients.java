package io.capacitypilot.aws;

import java.util.function.Supplier;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

import org.springframework.util.StringUtils;

/**
 * Builds the service's AWS SDK clients, all alike: credentials, region and endpoint from Spring Cloud
 * AWS (so {@code spring.cloud.aws.endpoint} points them at an emulator), then the timeouts, the
 * adaptive retry strategy and the call metrics of {@link AwsSdkProperties}.
 */
public class AwsClients {

	private final AwsClientBuilderConfigurer configurer;

	private final AwsSdkProperties properties;

	private final AwsCallMetrics callMetrics;

	public AwsClients(AwsClientBuilderConfigurer configurer, AwsSdkProperties properties, AwsCallMetrics callMetrics) {
		this.configurer = configurer;
		this.properties = properties;
		this.callMetrics = callMetrics;
	}

	/** A client in Spring Cloud AWS's region. */
	public <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
		return build(builder, null);
	}

	/** A client in the given region, or in Spring Cloud AWS's region when none is given. */
	public <B extends AwsClientBuilder<B, C>, C> C build(B builder, String region) {
		this.configurer.configure(builder);
		if (StringUtils.hasText(region)) {
			builder.region(Region.of(region));
		}
		// Spring Cloud AWS has set an override configuration of its own (its user agent): extend it.
		ClientOverrideConfiguration configured = builder.overrideConfiguration();
		ClientOverrideConfiguration.Builder override = (configured != null) ? configured.toBuilder()
				: ClientOverrideConfiguration.builder();
		builder.overrideConfiguration(override.apiCallTimeout(this.properties.apiCallTimeout())
			.apiCallAttemptTimeout(this.properties.apiCallAttemptTimeout())
			// Adaptive: throttled calls slow the client down instead of retrying into the throttle.
			.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy()
				.toBuilder()
				.maxAttempts(this.properties.maxAttempts())
				.build())
			.addExecutionInterceptor(this.callMetrics)
			.build());
		return builder.build();
	}

	/** Clients of one service, one per region asked for, built on first use. */
	public <B extends AwsClientBuilder<B, C>, C extends SdkClient> RegionalClients<C> regional(Supplier<B> builders) {
		return new RegionalClients<>((region) -> build(builders.get(), region));
	}

}
