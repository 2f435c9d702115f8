package io.capacitypilot.simulation;

import java.time.Duration;
import java.util.List;

/**
 * A simulation to run: a bundled trace by name or a trace uploaded as CSV text, the settings (any
 * left out take the command line's defaults), the policies to compare (default: all) and the
 * resolution of the time series to return (default: about a thousand points).
 */
public record SimulationRequest(String trace, String traceCsv, ScenarioSpec settings, List<String> policies,
		Duration seriesResolution) {

	public SimulationRequest {
		settings = (settings != null) ? settings : ScenarioSpec.DEFAULTS;
		policies = (policies != null) ? List.copyOf(policies) : List.of();
	}

}
