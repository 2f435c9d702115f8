package io.capacitypilot.leases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of CI leases.
 *
 * @param maxTtl the longest time to live a lease may ask for: a crashed pipeline must not hold
 * capacity for days
 * @param maxWait the longest a single long-poll request may wait; clients ask again
 * @param recent how long ended leases stay in a group's lease list
 * @param monitor whether the scheduler watches leased groups (tests that drive {@link LeaseMonitor#tick}
 * turn it off)
 * @param tick how often the monitor looks for expired leases and groups due for a look at their
 * fleet; each group's fleet is read at the group's own evaluation interval
 */
@ConfigurationProperties("capacitypilot.leases")
public record LeaseProperties(@DefaultValue("12h") Duration maxTtl, @DefaultValue("10m") Duration maxWait,
		@DefaultValue("1d") Duration recent, @DefaultValue("true") boolean monitor, @DefaultValue("1s") Duration tick) {
}
