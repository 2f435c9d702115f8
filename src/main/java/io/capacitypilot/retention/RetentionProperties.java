package io.capacitypilot.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the database keeps what the service no longer needs. Decisions are the audit trail; the
 * control loop itself reads back only {@code capacitypilot.control.history} of them, and the job
 * never keeps less than that, nor ended leases for less than {@code capacitypilot.leases.recent}.
 *
 * @param enabled whether old rows are deleted at all
 * @param decisions how long decisions (and the steps of their scale-ins) are kept
 * @param leases how long ended (expired or released) leases are kept after they ended
 * @param interval how often the leader deletes what has grown older than that
 * @param batchSize the most rows one statement deletes, so that a large backlog never holds locks
 * for long
 */
@ConfigurationProperties("capacitypilot.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("14d") Duration decisions,
		@DefaultValue("7d") Duration leases, @DefaultValue("10m") Duration interval,
		@DefaultValue("5000") int batchSize) {

	public RetentionProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("capacitypilot.retention.batch-size must be at least 1");
		}
	}

}
