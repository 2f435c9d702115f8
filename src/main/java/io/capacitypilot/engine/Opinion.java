package io.capacitypilot.engine;

/**
 * What one policy contributes to a cycle: its recommendation and, for the policy types that have
 * them, the bounds it sets on the guardrails.
 *
 * @param scaleOutOnly the policy's capacity counts when others want more or less, but never starts
 * a scale-in by itself (predictive)
 * @param floor a minimum capacity the policy holds (a scheduled window's minimum), or {@code null}
 * @param ceiling a maximum capacity that replaces the group's own (a scheduled window's maximum), or
 * {@code null}
 * @param raisedMax a maximum the group's own may be raised to (predictive {@code increase-max}), or
 * {@code null}
 * @param forecast what a predictive policy learned, for the next cycle, or {@code null}
 */
record Opinion(Policy policy, Recommendation recommendation, boolean scaleOutOnly, Integer floor, Integer ceiling,
		Integer raisedMax, Forecaster.Model forecast) {

	Opinion(Policy policy, Recommendation recommendation, boolean scaleOutOnly, Integer floor, Integer ceiling,
			Integer raisedMax) {
		this(policy, recommendation, scaleOutOnly, floor, ceiling, raisedMax, null);
	}

	static Opinion of(Policy policy, Recommendation recommendation) {
		return new Opinion(policy, recommendation, false, null, null, null);
	}

	Integer desired() {
		return this.recommendation.desired();
	}

	boolean hasOpinion() {
		return this.recommendation.desired() != null;
	}

}
