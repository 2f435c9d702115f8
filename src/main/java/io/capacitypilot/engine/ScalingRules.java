package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;

/**
 * The rules for one direction of scaling. A {@code null} field means "inherit".
 *
 * @param stabilizationWindow recommendations over this window are considered together (the HPA's
 * {@code stabilizationWindowSeconds})
 * @param rateLimits at most this much change per period
 * @param selectPolicy which rate limit applies when several do
 * @param cooldown no further change in this direction for this long after one
 */
public record ScalingRules(Duration stabilizationWindow, List<RateLimit> rateLimits, SelectPolicy selectPolicy,
		Duration cooldown) {

	static final ScalingRules SCALE_OUT_DEFAULTS = new ScalingRules(Duration.ZERO, List.of(), SelectPolicy.MAX,
			Duration.ZERO);

	static final ScalingRules SCALE_IN_DEFAULTS = new ScalingRules(Duration.ofMinutes(5), List.of(), SelectPolicy.MAX,
			Duration.ZERO);

	public ScalingRules {
		rateLimits = (rateLimits != null) ? List.copyOf(rateLimits) : null;
	}

	static ScalingRules merge(ScalingRules base, ScalingRules override) {
		if (base == null) {
			return override;
		}
		if (override == null) {
			return base;
		}
		return new ScalingRules(
				(override.stabilizationWindow != null) ? override.stabilizationWindow : base.stabilizationWindow,
				(override.rateLimits != null) ? override.rateLimits : base.rateLimits,
				(override.selectPolicy != null) ? override.selectPolicy : base.selectPolicy,
				(override.cooldown != null) ? override.cooldown : base.cooldown);
	}

	/** How a rate limit is expressed. */
	public enum LimitType {

		INSTANCES, PERCENT

	}

	/** At most {@code value} instances (or percent of the current capacity) per {@code period}. */
	public record RateLimit(LimitType type, int value, Duration period) {
	}

	/** Which of several rate limits wins: the one allowing the most change, the least, or none. */
	public enum SelectPolicy {

		MAX, MIN, DISABLED

	}

}
