package io.capacitypilot.simulation;

import java.util.List;

/** The scores and series of each policy replayed, with the scenario described in words. */
public record Comparison(String scenario, List<ReplayResult> results) {

	public Comparison {
		results = List.copyOf(results);
	}

}
