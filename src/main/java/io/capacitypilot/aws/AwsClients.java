package io.capacitypilot.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import org.springframework.util.StringUtils;

/**
 * Builds the service's AWS SDK clients, all alike: credentials, region and endpoint from Spring Cloud
 * AWS (so {@code spring.cloud.aws.endpoint} points them at an emulator), then the timeouts, the
 * adaptive retry strategy and the call metrics of {@link AwsSdkProperties}. A group in another
 * account is reached by assuming an IAM role there with the service's own credentials.
 */
public class AwsClients implements AutoCloseable {

	/** How the service's sessions show in the other account's CloudTrail. */
	static final String SESSION_NAME = "capacity-pilot";

	private final AwsClientBuilderConfigurer configurer;

	private final AwsSdkProperties properties;

	private final AwsCallMetrics callMetrics;

	private final RegionalClients<StsClient> sts = new RegionalClients<>(
			(region, roleArn) -> build(StsClient.builder(), region));

	private final Map<AssumedRole, StsAssumeRoleCredentialsProvider> assumedRoles = new ConcurrentHashMap<>();

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
		return build(builder, region, null);
	}

	/**
	 * A client in the given region (or Spring Cloud AWS's), acting as the given IAM role when one is
	 * given: its calls then use temporary credentials from STS AssumeRole, which the SDK renews
	 * before they expire.
	 */
	public <B extends AwsClientBuilder<B, C>, C> C build(B builder, String region, String roleArn) {
		this.configurer.configure(builder);
		if (StringUtils.hasText(region)) {
			builder.region(Region.of(region));
		}
		if (StringUtils.hasText(roleArn)) {
			builder.credentialsProvider(this.assumedRoles.computeIfAbsent(
					new AssumedRole(StringUtils.hasText(region) ? region : null, roleArn), this::assume));
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

	/** Clients of one service, one per region and role asked for, built on first use. */
	public <B extends AwsClientBuilder<B, C>, C extends SdkClient> RegionalClients<C> regional(Supplier<B> builders) {
		return new RegionalClients<>((region, roleArn) -> build(builders.get(), region, roleArn));
	}

	// One provider per role and region, shared by the clients of every service there: one session,
	// renewed in one place. STS is called in the group's region, as AWS recommends over the global
	// endpoint (lower latency, no dependency on us-east-1).
	private StsAssumeRoleCredentialsProvider assume(AssumedRole role) {
		return StsAssumeRoleCredentialsProvider.builder()
			.stsClient(this.sts.in(role.region()))
			.refreshRequest((request) -> request.roleArn(role.roleArn()).roleSessionName(SESSION_NAME))
			.build();
	}

	@Override
	public void close() {
		this.assumedRoles.values().forEach(StsAssumeRoleCredentialsProvider::close);
		this.sts.close();
	}

	private record AssumedRole(String region, String roleArn) {
	}

}
