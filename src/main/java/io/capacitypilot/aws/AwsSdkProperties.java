package io.capacitypilot.aws;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every AWS call of the service behaves. Region, credentials and the endpoint override come
 * from Spring Cloud AWS ({@code spring.cloud.aws.*}); these are the settings it does not cover.
 *
 * @param apiCallTimeout the longest a call may take, retries included: a control cycle must not hang
 * on AWS
 * @param apiCallAttemptTimeout the longest one attempt may take before it is retried
 * @param maxAttempts attempts per call, the first included (the SDK's adaptive retry mode spaces
 * them and slows down when AWS throttles)
 */
@ConfigurationProperties("capacitypilot.aws")
@Validated
public record AwsSdkProperties(@DefaultValue("15s") Duration apiCallTimeout,
		@DefaultValue("5s") Duration apiCallAttemptTimeout, @DefaultValue("3") @Min(1) int maxAttempts) {

}
