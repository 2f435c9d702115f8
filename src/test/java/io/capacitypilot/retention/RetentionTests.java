package io.capacitypilot.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.capacitypilot.control.Action;
import io.capacitypilot.control.ControlProperties;
import io.capacitypilot.control.Decision;
import io.capacitypilot.control.DecisionRepository;
import io.capacitypilot.control.Outcome;
import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.control.leadership.Leaderships;
import io.capacitypilot.engine.Direction;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.leases.LeaseProperties;
import io.capacitypilot.testsupport.MutableClock;
import io.capacitypilot.testsupport.FreshSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention job against a freshly migrated database. Subclasses supply the database: the same
 * statements must delete the same rows on H2 and on PostgreSQL.
 */
abstract class RetentionTests {

	private static final ControlProperties CONTROL = new ControlProperties(true, Duration.ofSeconds(1),
			Duration.ofHours(1), 16, Duration.ofMinutes(5));

	private static final LeaseProperties LEASES = new LeaseProperties(Duration.ofHours(12), Duration.ofMinutes(10),
			Duration.ofDays(1), true, Duration.ofSeconds(1));

	private static final RetentionProperties DEFAULTS = new RetentionProperties(true, Duration.ofDays(14),
			Duration.ofDays(7), Duration.ofMinutes(10), 5000);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private DataSource dataSource;

	private JdbcClient jdbc;

	private DecisionRepository decisions;

	protected abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		this.dataSource = FreshSchema.on(dataSource());
		this.jdbc = JdbcClient.create(this.dataSource);
		this.decisions = new DecisionRepository(this.jdbc);
	}

	@Test
	void deletesDecisionsPastTheirRetentionAndKeepsTheRecentOnes() {
		long old = decision("web", daysAgo(20)).id();
		long lessOld = decision("web", daysAgo(15)).id();
		long kept = decision("web", daysAgo(13)).id();
		long recent = decision("web", this.clock.instant().minusSeconds(10)).id();

		Retention.Deleted deleted = retention(DEFAULTS).run(this.clock.instant());

		assertThat(deleted).isEqualTo(new Retention.Deleted(2, 0, 0));
		assertThat(decisionIds()).containsExactly(kept, recent);
		assertThat(this.decisions.findById(old)).isEmpty();
		assertThat(this.decisions.findById(lessOld)).isEmpty();
	}

	@Test
	void keepsTheNewestDecisionOfEachGroupHoweverOld() {
		decision("paused", daysAgo(40));
		long newestOfPaused = decision("paused", daysAgo(30)).id();
		decision("web", daysAgo(30));
		long newestOfWeb = decision("web", daysAgo(1)).id();

		assertThat(retention(DEFAULTS).run(this.clock.instant()).decisions()).isEqualTo(2);

		assertThat(decisionIds()).containsExactly(newestOfPaused, newestOfWeb);
		assertThat(this.decisions.findLatest("paused")).map(Decision::id).contains(newestOfPaused);
	}

	@Test
	void keepsAScaleInUnderWayAndDeletesAFinishedOneWithItsSteps() {
		long finished = decision("web", daysAgo(20)).id();
		step(finished, "i-1", "DONE");
		step(finished, "i-2", "FAILED");
		long underWay = decision("web", daysAgo(19)).id();
		step(underWay, "i-3", "DONE");
		step(underWay, "i-4", "DRAINING");
		decision("web", this.clock.instant());

		assertThat(retention(DEFAULTS).run(this.clock.instant())).isEqualTo(new Retention.Deleted(1, 2, 0));

		assertThat(this.decisions.findById(finished)).isEmpty();
		assertThat(this.decisions.findById(underWay)).isPresent();
		assertThat(this.jdbc.sql("SELECT instance_id FROM actuation_step ORDER BY instance_id")
			.query(String.class)
			.list()).containsExactly("i-3", "i-4");
	}

	@Test
	void neverDeletesDecisionsTheEngineStillReadsAsHistory() {
		RetentionProperties tenMinutes = new RetentionProperties(true, Duration.ofMinutes(10), Duration.ofDays(7),
				Duration.ofMinutes(10), 5000);
		decision("web", this.clock.instant().minus(Duration.ofMinutes(61)));
		long withinHistory = decision("web", this.clock.instant().minus(Duration.ofMinutes(30))).id();
		long newest = decision("web", this.clock.instant()).id();

		assertThat(retention(tenMinutes).run(this.clock.instant()).decisions()).isOne();

		assertThat(decisionIds()).containsExactly(withinHistory, newest);
	}

	@Test
	void deletesLeasesThatEndedBeforeTheirRetentionAndKeepsActiveOnes() {
		lease("expired-long-ago", "expired", daysAgo(9), null);
		lease("released-long-ago", "released", daysAgo(9), daysAgo(8));
		lease("released-lately", "released", daysAgo(3), daysAgo(2));
		lease("expired-lately", "expired", daysAgo(6), null);
		// Active leases hold their floor whatever their dates say; the lease monitor ends them.
		lease("provisioning", "provisioning", daysAgo(10), null);
		lease("ready", "ready", daysAgo(10), null);

		assertThat(retention(DEFAULTS).run(this.clock.instant())).isEqualTo(new Retention.Deleted(0, 0, 2));

		assertThat(this.jdbc.sql("SELECT id FROM lease ORDER BY id").query(String.class).list())
			.containsExactly("expired-lately", "provisioning", "ready", "released-lately");
	}

	@Test
	void deletesABacklogInBatchesUntilNoneIsLeft() {
		RetentionProperties batchesOfTwo = new RetentionProperties(true, Duration.ofDays(14), Duration.ofDays(7),
				Duration.ofMinutes(10), 2);
		for (int day = 20; day < 25; day++) {
			decision("web", daysAgo(day));
			lease("lease-" + day, "expired", daysAgo(day), null);
		}
		long newest = decision("web", this.clock.instant()).id();

		assertThat(retention(batchesOfTwo).run(this.clock.instant())).isEqualTo(new Retention.Deleted(5, 0, 5));

		assertThat(decisionIds()).containsExactly(newest);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM lease").query(Long.class).single()).isZero();
		assertThat(deletedCount("decision")).isEqualTo(5);
		assertThat(deletedCount("lease")).isEqualTo(5);
	}

	@Test
	void onlyTheLeaderDeletesOnSchedule() {
		decision("web", daysAgo(20));
		long newest = decision("web", this.clock.instant()).id();

		retention(DEFAULTS, Leaderships.follower()).scheduledRun();
		assertThat(decisionIds()).hasSize(2);
		assertThat(deletedCount("decision")).isZero();

		retention(new RetentionProperties(false, Duration.ofDays(14), Duration.ofDays(7), Duration.ofMinutes(10), 5000),
				Leaderships.leader())
			.scheduledRun();
		assertThat(decisionIds()).hasSize(2);

		retention(DEFAULTS, Leaderships.leader()).scheduledRun();
		assertThat(decisionIds()).containsExactly(newest);
		assertThat(deletedCount("decision")).isOne();
	}

	private Retention retention(RetentionProperties properties) {
		return retention(properties, Leaderships.leader());
	}

	private Retention retention(RetentionProperties properties, Leadership leadership) {
		RetentionRepository repository = new RetentionRepository(this.jdbc,
				new DataSourceTransactionManager(this.dataSource));
		return new Retention(repository, properties, CONTROL, LEASES, leadership, this.meters, this.clock);
	}

	private Instant daysAgo(int days) {
		return this.clock.instant().minus(Duration.ofDays(days));
	}

	private Decision decision(String group, Instant at) {
		return this.decisions.save(new Decision(null, group, at, "replica", Mode.ACTIVE, 3, 3, 3, 3, Direction.NONE,
				Action.NONE, Outcome.SKIPPED, null, "held at 3", "{}"));
	}

	private void step(long decisionId, String instanceId, String state) {
		this.jdbc.sql("""
				INSERT INTO actuation_step (decision_id, group_name, instance_id, state, updated_at, history)
				VALUES (?, 'web', ?, ?, ?, '[]')""")
			.params(decisionId, instanceId, state, OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
	}

	private void lease(String id, String state, Instant createdAt, Instant releasedAt) {
		Instant expiresAt = createdAt.plus(Duration.ofHours(1));
		this.jdbc.sql("""
				INSERT INTO lease (id, group_name, capacity, ttl_ms, state, created_at, expires_at, released_at,
				    in_service, healthy)
				VALUES (?, 'web', 5, 3600000, ?, ?, ?, ?, 0, 0)""")
			.params(id, state, utc(createdAt), utc(expiresAt), utc(releasedAt))
			.update();
	}

	private List<Long> decisionIds() {
		return this.jdbc.sql("SELECT id FROM decision ORDER BY id").query(Long.class).list();
	}

	private double deletedCount(String kind) {
		return this.meters.get("capacitypilot.retention.deleted").tag("kind", kind).counter().count();
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
