package io.capacitypilot.actuation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of fleet actuation.
 *
 * @param maxAttempts how many failed calls a scale-in step survives before it is given up (each
 * call has the SDK's own retries inside)
 * @param nativePoliciesCacheTtl how long the ASG's own scaling policies are remembered between checks
 */
@ConfigurationProperties("capacitypilot.actuation")
public record ActuationProperties(@DefaultValue("5") int maxAttempts,
		@DefaultValue("5m") Duration nativePoliciesCacheTtl) {
}
