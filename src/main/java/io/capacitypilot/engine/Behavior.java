package io.capacitypilot.engine;

/**
 * How fast and how eagerly a group may move, per direction, modelled on the Kubernetes HPA v2
 * {@code behavior} block. Set on a group and overridable per policy: a {@code null} field means
 * "inherit".
 *
 * @param scaleOut rules when capacity grows
 * @param scaleIn rules when capacity shrinks
 * @param tolerance relative deviation from a target that is ignored (0.1 = 10 %)
 */
public record Behavior(ScalingRules scaleOut, ScalingRules scaleIn, Double tolerance) {

	public static final Behavior NONE = new Behavior(null, null, null);

	/**
	 * What applies where neither the group nor the policy says otherwise: the HPA's defaults of a 10 %
	 * tolerance and a 300 s scale-in stabilization window, no rate limit and no cooldown.
	 */
	public static final Behavior DEFAULTS = new Behavior(ScalingRules.SCALE_OUT_DEFAULTS,
			ScalingRules.SCALE_IN_DEFAULTS, 0.1);

	/**
	 * The behaviour that applies to a policy of a group: the defaults, overridden by the group's,
	 * overridden by the policy's. Every field of the result is set.
	 * @param policy the policy, or {@code null} for the group's own behaviour
	 */
	static Behavior effective(GroupSettings group, Policy policy) {
		Behavior behavior = DEFAULTS.overriddenBy(group.behavior());
		return (policy != null) ? behavior.overriddenBy(policy.behavior()) : behavior;
	}

	/** The rules for one direction; {@link Direction#NONE} has none. */
	ScalingRules rules(Direction direction) {
		return (direction == Direction.IN) ? this.scaleIn : this.scaleOut;
	}

	/** This behaviour with every field the override sets replaced. */
	public Behavior overriddenBy(Behavior override) {
		if (override == null) {
			return this;
		}
		return new Behavior(ScalingRules.merge(this.scaleOut, override.scaleOut),
				ScalingRules.merge(this.scaleIn, override.scaleIn),
				(override.tolerance != null) ? override.tolerance : this.tolerance);
	}

}
