package io.capacitypilot.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.capacitypilot.control.ControlProperties;
import io.capacitypilot.control.leadership.Leaderships;
import io.capacitypilot.leases.LeaseProperties;
import io.capacitypilot.testsupport.EmbeddedPostgresServer;
import io.capacitypilot.testsupport.TestApplication;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

/**
 * What decisions cost in storage, and what deleting them costs, on the embedded PostgreSQL. Not a
 * test: it prints figures for docs/performance.md.
 * <ol>
 * <li>Runs the service on the simulated fleet with the demo group (one target-tracking policy) and a
 * group with three policies (target tracking on CPU, step scaling on request count, a scheduled
 * floor), both evaluated every second, and reads the size of the JSON {@code detail} their
 * decisions store.</li>
 * <li>Fills a fresh database with one day of decisions of 100 groups evaluated every 15 s (576,000
 * rows) carrying each kind of detail, and reads the table's size per row (heap, TOAST and
 * indexes).</li>
 * <li>Times the retention job deleting that day, past its retention, in batches.</li>
 * </ol>
 * Arguments: decisions to sample per group (default 60), batch size (default 5000).
 *
 * <pre>
 * ./mvnw -B -ntp test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.capacitypilot.retention.RetentionBenchmark -Dexec.args="60 5000"
 * </pre>
 */
public final class RetentionBenchmark {

	private static final int GROUPS = 100;

	private static final Duration INTERVAL = Duration.ofSeconds(15);

	private static final int DAY = (int) (Duration.ofDays(1).dividedBy(INTERVAL) * GROUPS);

	private static final String THREE_POLICIES = "three-policies";

	private RetentionBenchmark() {
	}

	public static void main(String[] args) throws InterruptedException {
		int samples = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		int batchSize = (args.length > 1) ? Integer.parseInt(args[1]) : 5000;
		String demoDetail;
		String threePolicyDetail;
		String url = EmbeddedPostgresServer.freshDatabase("retention_sizes");
		try (ConfigurableApplicationContext context = TestApplication.builder()
			.run("--server.port=0", "--logging.level.root=WARN", "--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--spring.datasource.password=")) {
			RestClient api = RestClient
				.create("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
			evaluateDemoGroupEverySecond(api);
			registerThreePolicyGroup(api);
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			while (count(jdbc, "demo-web") < samples || count(jdbc, THREE_POLICIES) < samples) {
				Thread.sleep(1000);
			}
			demoDetail = typicalDetail(jdbc, "demo-web");
			threePolicyDetail = typicalDetail(jdbc, THREE_POLICIES);
		}

		DataSource database = new DriverManagerDataSource(EmbeddedPostgresServer.freshDatabase("retention_delete"),
				"postgres", "");
		Flyway.configure().dataSource(database).load().migrate();
		JdbcClient jdbc = JdbcClient.create(database);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant dayStart = now.minus(Duration.ofDays(15));
		System.out.printf("stored per decision row (heap + TOAST + indexes), %d rows:%n", DAY);
		fill(jdbc, dayStart, threePolicyDetail);
		System.out.printf("  three policies: %s%n", bytesPerRow(jdbc));
		jdbc.sql("TRUNCATE decision").update();
		fill(jdbc, dayStart, demoDetail);
		System.out.printf("  demo group:     %s%n", bytesPerRow(jdbc));
		// Each group's newest decision is recent: the job keeps those.
		jdbc.sql("""
				INSERT INTO decision (group_name, evaluated_at, mode, current_capacity, serving_capacity, desired_capacity,
				    direction, action, outcome, summary, detail)
				SELECT 'group-' || g, :now, 'ACTIVE', 3, 3, 3, 'NONE', 'NONE', 'SKIPPED', 'held', '{}'
				FROM generate_series(0, :last) AS g""")
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("last", GROUPS - 1)
			.update();
		jdbc.sql("VACUUM ANALYZE decision").update();

		Retention retention = new Retention(
				new RetentionRepository(jdbc, new DataSourceTransactionManager(database)),
				new RetentionProperties(true, Duration.ofDays(14), Duration.ofDays(7), Duration.ofMinutes(10),
						batchSize),
				new ControlProperties(false, Duration.ofSeconds(1), Duration.ofHours(1), 1, Duration.ofMinutes(5)),
				new LeaseProperties(Duration.ofHours(12), Duration.ofMinutes(10), Duration.ofDays(1), false,
						Duration.ofSeconds(1)),
				Leaderships.leader(), new SimpleMeterRegistry(), Clock.systemUTC());
		long started = System.nanoTime();
		Retention.Deleted deleted = retention.run(now);
		long millis = (System.nanoTime() - started) / 1_000_000;
		long batches = Math.ceilDiv(deleted.decisions(), batchSize);
		System.out.printf("deleted %,d decisions in %d batches of %,d: %,d ms (%,.0f rows/s, %,d ms a batch); %d rows left%n",
				deleted.decisions(), batches, batchSize, millis, deleted.decisions() * 1000.0 / Math.max(1, millis),
				millis / Math.max(1, batches),
				jdbc.sql("SELECT COUNT(*) FROM decision").query(Long.class).single());
	}

	private static void evaluateDemoGroupEverySecond(RestClient api) {
		@SuppressWarnings("unchecked")
		Map<String, Object> group = api.get().uri("/api/v1/groups/demo-web").retrieve().body(Map.class);
		group.keySet().removeAll(List.of("fleet", "fleetError", "createdAt", "updatedAt"));
		group.put("evaluationInterval", "PT1S");
		api.put().uri("/api/v1/groups/demo-web").body(group).retrieve().toBodilessEntity();
	}

	private static void registerThreePolicyGroup(RestClient api) {
		post(api, "/api/v1/groups", Map.of("name", THREE_POLICIES, "autoScalingGroupName", THREE_POLICIES, "region",
				"sim", "evaluationInterval", "PT1S", "mode", "active"));
		String policies = "/api/v1/groups/" + THREE_POLICIES + "/policies";
		post(api, policies, Map.of("name", "cpu", "type", "target-tracking", "targetValue", 70, "metric",
				metric("AWS/EC2", "CPUUtilization", "Average")));
		post(api, policies, Map.of("name", "requests", "type", "step", "metric",
				metric("AWS/EC2", "RequestCount", "Sum"), "threshold", 5000, "comparison", "greater-than",
				"datapointsToAlarm", 3, "evaluationPeriods", 3, "adjustmentType", "change-in-capacity", "steps",
				List.of(Map.of("lowerBound", 0, "adjustment", 1))));
		post(api, policies, Map.of("name", "business-hours", "type", "scheduled", "schedules",
				List.of(Map.of("cron", "0 0 8 * * MON-FRI", "zone", "Europe/Berlin", "duration", "PT10H",
						"minCapacity", 2))));
	}

	private static Map<String, Object> metric(String namespace, String name, String statistic) {
		return Map.of("source", "cloudwatch", "namespace", namespace, "metricName", name, "dimensions",
				Map.of("AutoScalingGroupName", THREE_POLICIES), "statistic", statistic, "period", "PT10S");
	}

	private static void post(RestClient api, String uri, Map<String, Object> body) {
		api.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
	}

	private static long count(JdbcClient jdbc, String group) {
		return jdbc.sql("SELECT COUNT(*) FROM decision WHERE group_name = ?").param(group).query(Long.class).single();
	}

	/** Prints the spread of a group's detail sizes and returns the detail of median size. */
	private static String typicalDetail(JdbcClient jdbc, String group) {
		List<String> details = jdbc.sql("SELECT detail FROM decision WHERE group_name = ? ORDER BY octet_length(detail)")
			.param(group)
			.query(String.class)
			.list();
		String median = details.get(details.size() / 2);
		System.out.printf("%s: %d decisions, detail %,d to %,d bytes, median %,d; summary \"%s\"%n", group,
				details.size(), utf8(details.getFirst()), utf8(details.getLast()), utf8(median),
				jdbc.sql("SELECT summary FROM decision WHERE group_name = ? ORDER BY id DESC LIMIT 1")
					.param(group)
					.query(String.class)
					.single());
		return median;
	}

	private static int utf8(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
	}

	/** One day of {@link #GROUPS} groups evaluated every {@link #INTERVAL}, all with the same detail. */
	private static void fill(JdbcClient jdbc, Instant dayStart, String detail) {
		jdbc.sql("""
				INSERT INTO decision (group_name, evaluated_at, mode, current_capacity, serving_capacity,
				    combined_recommendation, desired_capacity, direction, action, outcome, summary, detail)
				SELECT 'group-' || (n % :groups), CAST(:start AS TIMESTAMP WITH TIME ZONE) + (n / :groups) * INTERVAL '15 seconds',
				    'ACTIVE', 3, 3, 3, 3, 'NONE', 'NONE', 'SKIPPED', 'target 70 % CPU met at 3 instances', :detail
				FROM generate_series(0, :last) AS n""")
			.param("groups", GROUPS)
			.param("start", OffsetDateTime.ofInstant(dayStart, ZoneOffset.UTC))
			.param("detail", detail)
			.param("last", DAY - 1)
			.update();
		jdbc.sql("VACUUM ANALYZE decision").update();
	}

	/** The table's size per row, and how much of it is the heap, TOAST (compressed large details) and indexes. */
	private static String bytesPerRow(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT pg_total_relation_size('decision') / COUNT(*), pg_relation_size('decision') / COUNT(*),
				    (pg_table_size('decision') - pg_relation_size('decision')) / COUNT(*),
				    pg_indexes_size('decision') / COUNT(*)
				FROM decision""")
			.query((rs, row) -> String.format("%,d bytes (heap %,d, TOAST %,d, indexes %,d)", rs.getLong(1),
					rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

}
