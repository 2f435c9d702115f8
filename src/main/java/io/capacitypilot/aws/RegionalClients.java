package io.capacitypilot.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import software.amazon.awssdk.core.SdkClient;

/**
 * One SDK client per region of one service: groups may live in other regions than the service's own,
 * and SDK clients are bound to a region. Clients are built on first use and kept, as the SDK expects
 * (the adaptive retry strategy's rate limiter lives in the client).
 */
public final class RegionalClients<C extends SdkClient> implements AutoCloseable {

	private final Function<String, C> factory;

	private final Map<String, C> clients = new ConcurrentHashMap<>();

	public RegionalClients(Function<String, C> factory) {
		this.factory = factory;
	}

	/** The client for a region; a {@code null} or blank region means the service's default region. */
	public C in(String region) {
		return this.clients.computeIfAbsent((region != null) ? region.strip() : "", this.factory);
	}

	@Override
	public void close() {
		this.clients.values().forEach(SdkClient::close);
		this.clients.clear();
	}

}
