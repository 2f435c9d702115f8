package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * The window of a group's history to replay and what the history cannot tell, all optional.
 *
 * @param from the start of the window (default: a day before {@code to})
 * @param to the end of the window, exclusive (default: the last complete minute)
 * @param bootTime launch to in service of the group's instances (default 180 s)
 * @param bootTimeMax when set, boot times are drawn uniformly between {@code bootTime} and this
 * @param pricePerInstanceHour USD (default 0.096)
 * @param seriesResolution the resolution of the returned series (default: about a thousand points)
 */
public record BacktestRequest(Instant from, Instant to, Duration bootTime, Duration bootTimeMax,
		Double pricePerInstanceHour, Duration seriesResolution) {

	public static final BacktestRequest DEFAULTS = new BacktestRequest(null, null, null, null, null, null);

}
