package io.capacitypilot.metrics.scrape;

import java.util.List;

/**
 * Where the metrics endpoints of a group's serving instances are. Implementations find the
 * instances (healthy targets of the group's target groups, EC2 private IPs, a static list) and
 * turn each into a URL with an {@link AddressTemplate}.
 */
@FunctionalInterface
public interface InstanceAddresses {

	/**
	 * The metrics endpoints of the group's instances; empty when it has none.
	 * @param group the managed group's name
	 */
	List<InstanceEndpoint> of(String group);

}
