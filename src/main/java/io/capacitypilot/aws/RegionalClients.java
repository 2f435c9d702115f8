package io.capacitypilot.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import software.amazon.awssdk.core.SdkClient;

/**
 * One SDK client of one service per region and IAM role: groups may live in other regions than the
 * service's own, or in other accounts reached by assuming a role, and SDK clients are bound to a
 * region and their credentials. Clients are built on first use and kept, as the SDK expects (the
 * adaptive retry strategy's rate limiter lives in the client).
 */
public final class RegionalClients<C extends SdkClient> implements AutoCloseable {

	private final BiFunction<String, String, C> factory;

	private final Map<Scope, C> clients = new ConcurrentHashMap<>();

	/** @param factory builds the client of a region (or {@code null}) and role (or {@code null}) */
	public RegionalClients(BiFunction<String, String, C> factory) {
		this.factory = factory;
	}

	/** The client for a region, with the service's own credentials. */
	public C in(String region) {
		return in(region, null);
	}

	/**
	 * The client for a region, as the given role. A {@code null} or blank region means the service's
	 * default region; a {@code null} or blank role, the service's own credentials.
	 */
	public C in(String region, String roleArn) {
		return this.clients.computeIfAbsent(new Scope(blankToNull(region), blankToNull(roleArn)),
				(scope) -> this.factory.apply(scope.region(), scope.roleArn()));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public void close() {
		this.clients.values().forEach(SdkClient::close);
		this.clients.clear();
	}

	private record Scope(String region, String roleArn) {
	}

}
