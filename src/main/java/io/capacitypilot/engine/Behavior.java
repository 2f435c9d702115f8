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
