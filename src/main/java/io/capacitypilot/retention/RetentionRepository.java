package io.capacitypilot.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes old rows one bounded batch at a time, in SQL that H2 and PostgreSQL both accept (neither
 * has one form of {@code DELETE ... LIMIT}, both take a limited sub-select). It reaches into the
 * decision, scale-in step and lease tables because what may go is decided across them: a decision
 * goes with its steps, and never while they are under way.
 */
@Repository
class RetentionRepository {

	/**
	 * Old decisions that are neither their group's newest (the overview shows it, and the engine
	 * compares the fleet with it) nor a scale-in still under way (it resumes from its steps after a
	 * restart). Old decisions never gain steps or become newest again, so what this selects stays
	 * deletable until it is deleted.
	 */
	private static final String EXPIRED_DECISIONS = """
			SELECT d.id FROM decision d
			WHERE d.evaluated_at < :before
			    AND EXISTS (SELECT 1 FROM decision newer
			        WHERE newer.group_name = d.group_name AND newer.evaluated_at > d.evaluated_at)
			    AND NOT EXISTS (SELECT 1 FROM actuation_step s
			        WHERE s.decision_id = d.id AND s.state NOT IN ('DONE', 'FAILED'))
			ORDER BY d.evaluated_at
			LIMIT :batch""";

	private static final String ENDED_LEASES = """
			SELECT id FROM lease
			WHERE (state = 'expired' AND expires_at < :before) OR (state = 'released' AND released_at < :before)
			ORDER BY created_at
			LIMIT :batch""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	RetentionRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** Deletes at most {@code batch} decisions evaluated before {@code before}, with their steps. */
	Batch deleteDecisions(Instant before, int batch) {
		List<Long> ids = this.jdbc.sql(EXPIRED_DECISIONS)
			.param("before", timestamp(before))
			.param("batch", batch)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return new Batch(0, 0);
		}
		return this.transaction.execute((status) -> {
			int steps = this.jdbc.sql("DELETE FROM actuation_step WHERE decision_id IN (:ids)")
				.param("ids", ids)
				.update();
			int decisions = this.jdbc.sql("DELETE FROM decision WHERE id IN (:ids)").param("ids", ids).update();
			return new Batch(decisions, steps);
		});
	}

	/** Deletes at most {@code batch} leases that expired or were released before {@code before}. */
	int deleteLeases(Instant before, int batch) {
		return this.jdbc.sql("DELETE FROM lease WHERE id IN (" + ENDED_LEASES + ")")
			.param("before", timestamp(before))
			.param("batch", batch)
			.update();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** What one batch of decisions took with it. */
	record Batch(int decisions, int actuationSteps) {
	}

}
