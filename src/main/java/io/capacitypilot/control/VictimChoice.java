package io.capacitypilot.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.actuation.Victims;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.Reason;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.groups.Actuation.VictimSelection;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.metrics.InstanceLoads;

/**
 * Chooses the victims of a scale-in by the group's {@code victimSelection} and says in the
 * decision's notes whom and why. For {@code least-loaded} the load is the latest scraped value of
 * the group's first policy whose metric is a scrape query of the group's own instances: the signal
 * the group is scaled on, per instance. Without such a policy, or without a fresh value for any of
 * the instances, the victims are chosen as by {@code oldest}, and the decision says so.
 */
class VictimChoice {

	private final InstanceLoads loads;

	VictimChoice(InstanceLoads loads) {
		this.loads = loads;
	}

	/**
	 * Chooses {@code wanted} victims among the instances and adds what the decision should say about
	 * them to the notes.
	 */
	Victims choose(ManagedGroup group, List<Policy> policies, List<Instance> instances, int wanted,
			List<Reason> notes, Instant now) {
		VictimSelection selection = group.actuation().scaleIn().victimSelection();
		Map<String, Double> load = Map.of();
		if (selection == VictimSelection.LEAST_LOADED) {
			Optional<ScrapeQuery> query = loadQuery(group, policies);
			load = query.map((scraped) -> this.loads.latest(scraped, now)).orElse(Map.of());
			if (!knowsAnyOf(load, instances)) {
				notes.add(new Reason("scale-in.least-loaded-unavailable", query
					.map((scraped) -> "no instance of the group has a fresh value of " + scraped.metricName())
					.orElse("no policy of the group reads a scrape query of its instances")
						+ ": the victims are chosen as by oldest", Map.of()));
				selection = VictimSelection.OLDEST;
			}
		}
		Victims victims = Victims.choose(instances, wanted, selection, load);
		if (victims.tooFew()) {
			notes.add(new Reason("scale-in.too-few-unprotected", "only " + victims.chosen().size() + " of the "
					+ wanted + " instances to remove are unprotected (" + victims.protectedCount()
					+ " protected from scale-in)", Map.of("wanted", wanted, "chosen", victims.chosen().size(),
							"protected", victims.protectedCount())));
		}
		if (!victims.chosen().isEmpty()) {
			notes.add(victimsNote(victims, load));
		}
		return victims;
	}

	private static Optional<ScrapeQuery> loadQuery(ManagedGroup group, List<Policy> policies) {
		return policies.stream()
			.flatMap((policy) -> policy.metricQuery().stream())
			.filter(ScrapeQuery.class::isInstance)
			.map(ScrapeQuery.class::cast)
			.filter((query) -> group.name().equals(query.group()))
			.findFirst();
	}

	/** Whether any instance that may be chosen has a load: the others' loads order nothing. */
	private static boolean knowsAnyOf(Map<String, Double> load, List<Instance> instances) {
		return instances.stream().filter(Victims::mayChoose).anyMatch((instance) -> load.containsKey(instance.id()));
	}

	private static Reason victimsNote(Victims victims, Map<String, Double> load) {
		if (load.isEmpty()) {
			return new Reason("scale-in.victims", "victims chosen by " + victims.selection() + ": " + victims.ids(),
					Map.of("instances", victims.ids()));
		}
		Map<String, Double> victimLoads = new LinkedHashMap<>();
		victims.ids().stream().filter(load::containsKey).forEach((id) -> victimLoads.put(id, load.get(id)));
		return new Reason("scale-in.victims", "victims chosen by " + victims.selection() + ": " + victims.ids()
				+ ", loads " + victimLoads.values(), Map.of("instances", victims.ids(), "loads", victimLoads));
	}

}
