package io.capacitypilot.control;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the control loop.
 *
 * @param enabled whether the scheduler runs (tests that drive {@link ControlLoop#tick} turn it off)
 * @param tick how often the scheduler looks for groups that are due; a group's own evaluation
 * interval decides when it is evaluated
 * @param history how far back decisions are read as the engine's history; must cover the longest
 * stabilization window, cooldown and rate-limit period in use
 * @param parallelism how many groups are evaluated at once (each waits mostly on AWS calls)
 * @param maxBackoff the longest a group whose evaluations keep failing waits between two of them
 */
@ConfigurationProperties("capacitypilot.control")
public record ControlProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration tick,
		@DefaultValue("1h") Duration history, @DefaultValue("16") int parallelism,
		@DefaultValue("5m") Duration maxBackoff) {
}
