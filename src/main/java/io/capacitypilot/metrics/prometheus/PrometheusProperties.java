package io.capacitypilot.metrics.prometheus;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Prometheus-compatible query API is and how to reach it. The source is only created
 * when {@code base-url} is set.
 *
 * @param baseUrl the server's root, e.g. {@code http://prometheus:9090} or an Amazon Managed
 * Service for Prometheus workspace URL ending in {@code /workspaces/ws-.../}
 * @param timeout how long one query may take, connection included
 * @param auth how requests are authenticated; none by default
 * @param sslBundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) holding the
 * trust store for a server whose certificate the JDK does not trust
 */
@ConfigurationProperties("capacitypilot.metrics.prometheus")
public record PrometheusProperties(URI baseUrl, @DefaultValue("10s") Duration timeout, @DefaultValue Auth auth,
		String sslBundle) {

	/**
	 * At most one way of authenticating: a bearer token, a user name and password, or SigV4.
	 *
	 * @param bearerToken sent as {@code Authorization: Bearer ...}
	 * @param username basic authentication user
	 * @param password basic authentication password
	 * @param sigv4 signing for Amazon Managed Service for Prometheus
	 */
	public record Auth(String bearerToken, String username, String password, @DefaultValue SigV4 sigv4) {

	}

	/**
	 * AWS Signature Version 4, used when {@code region} is set. Credentials come from the default AWS
	 * credential chain (or Spring Cloud AWS's credentials provider).
	 *
	 * @param region the workspace's region, e.g. {@code eu-west-1}
	 * @param service the signing name; {@code aps} for Amazon Managed Service for Prometheus
	 */
	public record SigV4(String region, @DefaultValue("aps") String service) {

		public boolean enabled() {
			return this.region != null && !this.region.isBlank();
		}

	}

}
