package io.capacitypilot.metrics.scrape;

import java.net.URI;
import java.util.Map;

/**
 * Turns an instance into the URL of its metrics endpoint. The template names the parts:
 * {@code {privateIp}}, {@code {instanceId}}, {@code {port}} and {@code {path}}; the default
 * {@code http://{privateIp}:{port}{path}} suits instances the service reaches directly, and a
 * different template suits a NAT, a sidecar or a test on loopback addresses.
 */
public record AddressTemplate(String template, int port, String path) {

	public URI expand(String privateIp, String instanceId) {
		String url = this.template;
		for (Map.Entry<String, String> part : Map.of("privateIp", privateIp, "instanceId",
				(instanceId != null) ? instanceId : "", "port", Integer.toString(this.port), "path", this.path)
			.entrySet()) {
			url = url.replace("{" + part.getKey() + "}", part.getValue());
		}
		return URI.create(url);
	}

}
