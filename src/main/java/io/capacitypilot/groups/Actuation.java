package io.capacitypilot.groups;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.annotation.EnumNaming;

/**
 * How the control loop changes a group's fleet.
 *
 * @param registration who registers instances in the load balancer's target groups
 * @param targetGroups the target groups Capacity Pilot owns; only for {@code controller-managed}
 * @param scaleIn which instances go on scale-in, and how long they may drain
 */
public record Actuation(Registration registration, List<TargetGroup> targetGroups, ScaleIn scaleIn) {

	/** Registration by the ASG, victims chosen as below: what a group has unless it says otherwise. */
	public static final Actuation DEFAULT = new Actuation(Registration.ASG_MANAGED, List.of(), ScaleIn.DEFAULT);

	public Actuation {
		registration = (registration != null) ? registration : Registration.ASG_MANAGED;
		targetGroups = (targetGroups != null) ? List.copyOf(targetGroups) : List.of();
		scaleIn = (scaleIn != null) ? scaleIn : ScaleIn.DEFAULT;
	}

	public boolean controllerManaged() {
		return this.registration == Registration.CONTROLLER_MANAGED;
	}

	@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
	public enum Registration {

		/** The target groups are attached to the ASG, which registers and drains by itself. */
		ASG_MANAGED,
		/** Capacity Pilot registers new instances and drains victims before it terminates them. */
		CONTROLLER_MANAGED

	}

	/** An ELBv2 target group; {@code port} may be left out to use the target group's own port. */
	public record TargetGroup(String arn, Integer port) {
	}

	/**
	 * @param victimSelection which instances to terminate first
	 * @param drainTimeout the longest wait for a victim to leave {@code draining}, whatever the target
	 * group's deregistration delay says; {@code null} waits for the delay alone
	 */
	public record ScaleIn(VictimSelection victimSelection, Duration drainTimeout) {

		public static final ScaleIn DEFAULT = new ScaleIn(VictimSelection.AZ_BALANCED, null);

		public ScaleIn {
			victimSelection = (victimSelection != null) ? victimSelection : VictimSelection.AZ_BALANCED;
		}

	}

	@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
	public enum VictimSelection {

		/** From the zone with the most instances, oldest first there: the ASG's own balance kept. */
		AZ_BALANCED,
		OLDEST,
		NEWEST,
		/** The instances with the lowest scraped load; the oldest, and a note saying so, without one. */
		LEAST_LOADED;

		/** The name as the API spells it. */
		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
