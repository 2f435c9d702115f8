package io.capacitypilot.actuation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Instance;
import io.capacitypilot.groups.Actuation.VictimSelection;

/**
 * The instances a scale-in removes, chosen by the group's strategy among those that count toward
 * its capacity. A protected instance is never chosen: an explicit termination does not respect the
 * ASG's scale-in protection, so the choice has to.
 *
 * @param chosen the victims, in the order they should go
 * @param wanted how many the decision asked for
 * @param protectedCount how many instances were left out because they are protected
 * @param selection the strategy they were chosen by
 */
public record Victims(List<Instance> chosen, int wanted, int protectedCount, VictimSelection selection) {

	// Between two instances alike by the strategy, the older goes: it has run longest without a new
	// launch template, and the order is stable.
	private static final Comparator<Instance> OLDEST_FIRST = Comparator
		.comparing(Instance::launchTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
		.thenComparing(Instance::id);

	public boolean tooFew() {
		return this.chosen.size() < this.wanted;
	}

	public List<String> ids() {
		return this.chosen.stream().map(Instance::id).toList();
	}

	/**
	 * Whether a scale-in may choose the instance: it counts toward the capacity and is not protected
	 * from scale-in.
	 */
	public static boolean mayChoose(Instance instance) {
		return instance.lifecycle().countsTowardCapacity() && !instance.protectedFromScaleIn();
	}

	/**
	 * Chooses {@code count} victims.
	 * @param load each instance's latest scraped load, for {@code least-loaded}; may be empty
	 */
	public static Victims choose(List<Instance> instances, int count, VictimSelection selection,
			Map<String, Double> load) {
		List<Instance> candidates = new ArrayList<>();
		int protectedCount = 0;
		for (Instance instance : instances) {
			if (mayChoose(instance)) {
				candidates.add(instance);
			}
			else if (instance.lifecycle().countsTowardCapacity()) {
				protectedCount++;
			}
		}
		// An instance that does not serve yet (pending or unhealthy) costs nothing to lose, whatever the
		// strategy says.
		Comparator<Instance> notServingFirst = Comparator.comparing(Instance::serving);
		List<Instance> chosen = switch (selection) {
			case OLDEST -> first(candidates, notServingFirst.thenComparing(OLDEST_FIRST), count);
			case NEWEST -> first(candidates, notServingFirst.thenComparing(OLDEST_FIRST.reversed()), count);
			case LEAST_LOADED -> first(candidates, notServingFirst
				.thenComparing((Instance instance) -> load.getOrDefault(instance.id(), Double.MAX_VALUE))
				.thenComparing(OLDEST_FIRST), count);
			case AZ_BALANCED -> azBalanced(instances, candidates, notServingFirst.thenComparing(OLDEST_FIRST), count);
		};
		return new Victims(chosen, count, protectedCount, selection);
	}

	private static List<Instance> first(List<Instance> candidates, Comparator<Instance> order, int count) {
		return candidates.stream().sorted(order).limit(count).toList();
	}

	/**
	 * Like the ASG's own default termination policy: each victim comes from the zone that has the
	 * most instances left (protected ones count, they hold capacity there too).
	 */
	private static List<Instance> azBalanced(List<Instance> instances, List<Instance> candidates,
			Comparator<Instance> order, int count) {
		Map<String, Integer> perZone = new HashMap<>();
		instances.stream()
			.filter((instance) -> instance.lifecycle().countsTowardCapacity())
			.forEach((instance) -> perZone.merge(instance.availabilityZone(), 1, Integer::sum));
		List<Instance> remaining = new ArrayList<>(candidates);
		remaining.sort(order);
		List<Instance> chosen = new ArrayList<>();
		while (chosen.size() < count && !remaining.isEmpty()) {
			Instance victim = remaining.stream()
				.max(Comparator.comparingInt((Instance instance) -> perZone.get(instance.availabilityZone()))
					.thenComparing(order.reversed()))
				.orElseThrow();
			remaining.remove(victim);
			perZone.merge(victim.availabilityZone(), -1, Integer::sum);
			chosen.add(victim);
		}
		return chosen;
	}

}
