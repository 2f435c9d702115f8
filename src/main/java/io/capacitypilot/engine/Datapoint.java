package io.capacitypilot.engine;

import java.time.Instant;
import java.util.Objects;

/** One aggregated metric value, stamped with the start of the period it summarises. */
public record Datapoint(Instant timestamp, double value) {

	public Datapoint {
		Objects.requireNonNull(timestamp, "timestamp");
	}

}
