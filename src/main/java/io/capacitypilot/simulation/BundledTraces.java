package io.capacitypilot.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.TraceReader;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The traces shipped in the jar, by name, each read once. */
@Component
public class BundledTraces {

	private static final Map<String, String> LOCATIONS = Map.of("worldcup98",
			"traces/worldcup98/wc98_requests_per_minute.csv");

	private final Map<String, LoadTrace> loaded = new ConcurrentHashMap<>();

	public Set<String> names() {
		return LOCATIONS.keySet();
	}

	/** @throws IllegalArgumentException if no trace has this name */
	public LoadTrace get(String name) {
		String location = LOCATIONS.get(name);
		if (location == null) {
			throw new IllegalArgumentException("no bundled trace " + name + "; bundled: " + names());
		}
		return this.loaded.computeIfAbsent(name, (key) -> read(location));
	}

	private static LoadTrace read(String location) {
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			return TraceReader.read(in, location);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read bundled trace " + location, ex);
		}
	}

}
