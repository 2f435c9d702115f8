package io.capacitypilot.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import io.capacitypilot.control.ControlProperties;
import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.leases.LeaseProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps storage bounded: every evaluation of every group stores a decision (8,640 a day for a group
 * evaluated every 10 s), and ended leases stay as the record of what pipelines asked for. At each
 * interval the leader deletes decisions and ended leases past their retention, a batch per
 * statement until none is left. Followers leave it to the leader, so that replicas do not contend
 * for the same rows.
 */
@Component
class Retention {

	private static final Log logger = LogFactory.getLog(Retention.class);

	private final RetentionRepository repository;

	private final RetentionProperties properties;

	private final Duration decisionRetention;

	private final Duration leaseRetention;

	private final Leadership leadership;

	private final Clock clock;

	private final Counter decisionsDeleted;

	private final Counter leasesDeleted;

	Retention(RetentionRepository repository, RetentionProperties properties, ControlProperties control,
			LeaseProperties leases, Leadership leadership, MeterRegistry registry, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		// Never delete what the service still reads back: the engine's history, the lease list.
		this.decisionRetention = longer(properties.decisions(), control.history());
		this.leaseRetention = longer(properties.leases(), leases.recent());
		this.leadership = leadership;
		this.clock = clock;
		this.decisionsDeleted = deletedCounter(registry, "decision");
		this.leasesDeleted = deletedCounter(registry, "lease");
	}

	@Scheduled(fixedDelayString = "${capacitypilot.retention.interval:10m}")
	void scheduledRun() {
		if (this.properties.enabled() && this.leadership.isLeader()) {
			run(this.clock.instant());
		}
	}

	/** Deletes what is past its retention at {@code now}; returns how much went. */
	Deleted run(Instant now) {
		long started = System.nanoTime();
		Instant decisionsBefore = now.minus(this.decisionRetention);
		Instant leasesBefore = now.minus(this.leaseRetention);
		AtomicLong steps = new AtomicLong();
		long decisions = inBatches((size) -> {
			RetentionRepository.Batch batch = this.repository.deleteDecisions(decisionsBefore, size);
			steps.addAndGet(batch.actuationSteps());
			return batch.decisions();
		}, this.decisionsDeleted);
		long leases = inBatches((size) -> this.repository.deleteLeases(leasesBefore, size), this.leasesDeleted);
		if (decisions + leases > 0) {
			logger.info(String.format(
					"Retention deleted %d decisions evaluated before %s (with %d scale-in steps) and %d leases ended "
							+ "before %s, in %d ms",
					decisions, decisionsBefore, steps.get(), leases, leasesBefore,
					(System.nanoTime() - started) / 1_000_000));
		}
		return new Deleted(decisions, steps.get(), leases);
	}

	/** Repeats a batch until one comes back short: each commits on its own and lets go of its locks. */
	private long inBatches(IntUnaryOperator deleteBatch, Counter counter) {
		int batch = this.properties.batchSize();
		long total = 0;
		int deleted;
		do {
			deleted = deleteBatch.applyAsInt(batch);
			counter.increment(deleted);
			total += deleted;
		}
		while (deleted == batch);
		return total;
	}

	private static Duration longer(Duration one, Duration other) {
		return (one.compareTo(other) >= 0) ? one : other;
	}

	private static Counter deletedCounter(MeterRegistry registry, String kind) {
		return Counter.builder("capacitypilot.retention.deleted")
			.description("Rows deleted because they were past their retention")
			.tag("kind", kind)
			.register(registry);
	}

	/** How many rows one run deleted. */
	record Deleted(long decisions, long actuationSteps, long leases) {
	}

}
