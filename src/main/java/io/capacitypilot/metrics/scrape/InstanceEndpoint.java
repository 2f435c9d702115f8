package io.capacitypilot.metrics.scrape;

import java.net.URI;

/**
 * The metrics endpoint of one instance.
 *
 * @param instanceId the EC2 instance id, or {@code null} when the instance is known by its address
 * alone (a static list): its value then counts in the aggregate but not for {@code least-loaded}
 * @param url where its metrics are served
 */
public record InstanceEndpoint(String instanceId, URI url) {
}
