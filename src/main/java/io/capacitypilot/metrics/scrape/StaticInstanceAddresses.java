package io.capacitypilot.metrics.scrape;

import java.util.List;
import java.util.Map;

/**
 * Instances listed in configuration, per group, by address: for fleets the service cannot
 * discover (not on AWS) and for tests. Their instance ids are unknown, so {@code least-loaded}
 * scale-in cannot use their values.
 */
public class StaticInstanceAddresses implements InstanceAddresses {

	private final Map<String, List<String>> addresses;

	private final AddressTemplate template;

	public StaticInstanceAddresses(Map<String, List<String>> addresses, AddressTemplate template) {
		this.addresses = Map.copyOf(addresses);
		this.template = template;
	}

	@Override
	public List<InstanceEndpoint> of(String group) {
		return this.addresses.getOrDefault(group, List.of())
			.stream()
			.map((address) -> new InstanceEndpoint(null, this.template.expand(address, null)))
			.toList();
	}

}
