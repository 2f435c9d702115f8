package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The simulated fleet of the embedded default ({@code capacitypilot.cloud=sim}). The defaults replay
 * the 1998 World Cup web site from the day of its opening match, a day every 24 minutes, at 45 %
 * of its load, so that at 100 requests/s per instance and 70 % CPU a group needs 2 to 14 instances
 * on that first day.
 *
 * @param bootTime wall-clock time from launch to in service
 * @param requestsPerInstance requests/s one instance serves at 100 % CPU
 * @param trace CSV with {@code timestamp_seconds,requests_per_second[,valid]}
 * @param traceStart the moment of the trace the replay begins at
 * @param speedUp trace seconds played per wall-clock second
 * @param loadScale factor applied to every rate of the trace
 * @param initialCapacity instances a group has when the simulation starts
 * @param minSize the simulated Auto Scaling Groups' minimum
 * @param maxSize the simulated Auto Scaling Groups' maximum
 */
@ConfigurationProperties("capacitypilot.sim")
public record SimulationProperties(@DefaultValue("PT30S") Duration bootTime,
		@DefaultValue("100") double requestsPerInstance,
		@DefaultValue("classpath:traces/worldcup98/wc98_requests_per_minute.csv") Resource trace,
		@DefaultValue("1998-06-10T12:00:00Z") Instant traceStart, @DefaultValue("60") double speedUp,
		@DefaultValue("0.45") double loadScale, @DefaultValue("2") int initialCapacity, @DefaultValue("1") int minSize,
		@DefaultValue("20") int maxSize) {
}
