package io.capacitypilot.groups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.PredictivePolicy;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.testsupport.FreshSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The repository against a freshly migrated database. Subclasses supply the database: the same
 * migrations and the same expectations hold on H2 and on PostgreSQL.
 */
abstract class GroupRepositoryTests {

	private final List<Object> events = new ArrayList<>();

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00.123456789Z"), ZoneOffset.UTC);

	private DataSource dataSource;

	private GroupRepository repository;

	/** The database under test; it is emptied and migrated afresh before each test. */
	protected abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		this.dataSource = FreshSchema.on(dataSource());
		this.repository = repository(this.events::add);
	}

	private GroupRepository repository(ApplicationEventPublisher publisher) {
		return new GroupRepository(JdbcClient.create(this.dataSource), new DataSourceTransactionManager(this.dataSource),
				publisher, this.clock);
	}

	@Test
	void storesAndReadsBackAGroupWithItsBehavior() {
		ManagedGroup created = this.repository.create(group("web", 2, 10));
		assertThat(created.behavior()).isEqualTo(SamplePolicies.BEHAVIOR);
		assertThat(created.leasesMayRaiseMax()).isTrue();
		assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456Z"));
		assertThat(this.repository.findGroup("web")).contains(created);
		assertThat(this.repository.findAllGroups()).containsExactly(created);
	}

	@Test
	void aGroupWithoutBehaviorReadsBackAsNone() {
		ManagedGroup group = group("web", null, null);
		ManagedGroup plain = new ManagedGroup(group.name(), group.autoScalingGroupName(), group.region(), null, null,
				group.evaluationInterval(), group.mode(), null, false, null, null, null, null);
		assertThat(this.repository.create(plain).behavior()).isEqualTo(Behavior.NONE);
	}

	@Test
	void rejectsADuplicateGroupName() {
		this.repository.create(group("web", 2, 10));
		assertThatExceptionOfType(DuplicateNameException.class)
			.isThrownBy(() -> this.repository.create(group("web", 1, 3)));
		assertThat(this.repository.findGroup("web")).get().extracting(ManagedGroup::maxCapacity).isEqualTo(10);
	}

	@Test
	void rejectsAnInconsistentGroupWithoutWritingIt() {
		assertThatExceptionOfType(InvalidDefinitionException.class)
			.isThrownBy(() -> this.repository.create(group("web", 5, 2)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(FieldViolation::field).containsExactly("minCapacity"));
		assertThat(this.repository.findAllGroups()).isEmpty();
	}

	@Test
	void updatesAGroupButKeepsItsCreationTime() {
		ManagedGroup created = this.repository.create(group("web", 2, 10));
		ManagedGroup updated = this.repository.update(new ManagedGroup("web", "web-asg-2", "eu-west-1", 1, 4,
				Duration.ofMinutes(1), Mode.ACTIVE, Behavior.NONE, false, null, null, null, null));
		assertThat(updated.autoScalingGroupName()).isEqualTo("web-asg-2");
		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(this.repository.changeMode("web", Mode.PAUSED).mode()).isEqualTo(Mode.PAUSED);
	}

	@Test
	void updatingAnUnknownGroupFails() {
		assertThatExceptionOfType(UnknownNameException.class)
			.isThrownBy(() -> this.repository.update(group("nope", 1, 2)));
	}

	@Test
	void storesEveryPolicyTypeAndDecodesItEqual() {
		this.repository.create(group("web", 2, 10));
		List<Policy> policies = List.of(SamplePolicies.targetTracking(), SamplePolicies.step(),
				SamplePolicies.scheduled(), SamplePolicies.predictive());
		// Neither the CloudWatch nor the scrape sample says where it reads: they read where the group is.
		List<Policy> stored = policies.stream()
			.map((policy) -> PolicyJson.readPolicy(PolicyJson.write(policy), "web", "us-east-1", null))
			.toList();
		for (int i = 0; i < policies.size(); i++) {
			assertThat(this.repository.createPolicy("web", policies.get(i))).isEqualTo(stored.get(i));
		}
		assertThat(this.repository.findPolicies("web")).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(this.repository.findPolicy("web", "queue")).contains(SamplePolicies.step());
	}

	@Test
	void aScrapeQueryWithoutAGroupReadsThePolicysOwnGroup() {
		this.repository.create(group("web", 2, 10));
		PredictivePolicy unbound = SamplePolicies.predictive();
		ScrapeQuery scrape = (ScrapeQuery) unbound.metric();
		assertThat(scrape.group()).isNull();
		PredictivePolicy bound = (PredictivePolicy) this.repository.createPolicy("web", unbound);
		assertThat(bound.metric()).isEqualTo(scrape.forGroup("web"));
		assertThat(this.repository.findPolicy("web", unbound.name())).contains(bound);
		PredictivePolicy elsewhere = new PredictivePolicy(unbound.name(), scrape.forGroup("api"),
				unbound.targetValue(), unbound.history(), unbound.preLaunch(), unbound.forecastOnly(),
				unbound.maxCapacityBehavior(), unbound.maxCapacityBuffer(), unbound.behavior());
		assertThat(((PredictivePolicy) this.repository.updatePolicy("web", elsewhere)).metric())
			.isEqualTo(scrape.forGroup("api"));
	}

	@Test
	void aCloudWatchMetricWithoutARegionIsReadWhereTheGroupIsEvenAfterItMoves() {
		ManagedGroup web = this.repository.create(group("web", 2, 10));
		TargetTrackingPolicy cpu = SamplePolicies.targetTracking();
		CloudWatchQuery query = (CloudWatchQuery) cpu.metric();
		assertThat(query.region()).isNull();
		assertThat(((TargetTrackingPolicy) this.repository.createPolicy("web", cpu)).metric())
			.isEqualTo(query.inRegion("us-east-1"));
		this.repository.update(new ManagedGroup(web.name(), web.autoScalingGroupName(), "eu-west-1",
				web.minCapacity(), web.maxCapacity(), web.evaluationInterval(), web.mode(), web.behavior(),
				web.leasesMayRaiseMax(), web.actuation(), web.roleArn(), null, null));
		assertThat(this.repository.findPolicies("web")).extracting((policy) -> ((TargetTrackingPolicy) policy).metric())
			.containsExactly(query.inRegion("eu-west-1"));
		TargetTrackingPolicy pinned = new TargetTrackingPolicy(cpu.name(), query.inRegion("us-west-2"),
				cpu.targetValue(), cpu.instanceWarmup(), cpu.disableScaleIn(), cpu.tolerance(), cpu.behavior(),
				cpu.fallback());
		assertThat(this.repository.updatePolicy("web", pinned)).isEqualTo(pinned);
	}

	@Test
	void replacesAPolicyEvenWithAnotherType() {
		this.repository.create(group("web", 2, 10));
		this.repository.createPolicy("web", SamplePolicies.targetTracking());
		TargetTrackingPolicy cpu = SamplePolicies.targetTracking();
		Policy replacement = new TargetTrackingPolicy(cpu.name(), ((CloudWatchQuery) cpu.metric()).inRegion("us-east-1"),
				70, null, true, null, null, null);
		assertThat(this.repository.updatePolicy("web", replacement)).isEqualTo(replacement);
		assertThat(this.repository.findPolicies("web")).containsExactly(replacement);
	}

	@Test
	void rejectsADuplicatePolicyAndAPolicyOfAnUnknownGroup() {
		this.repository.create(group("web", 2, 10));
		this.repository.createPolicy("web", SamplePolicies.targetTracking());
		assertThatExceptionOfType(DuplicateNameException.class)
			.isThrownBy(() -> this.repository.createPolicy("web", SamplePolicies.targetTracking()));
		assertThatExceptionOfType(UnknownNameException.class)
			.isThrownBy(() -> this.repository.createPolicy("nope", SamplePolicies.step()));
		assertThatExceptionOfType(UnknownNameException.class)
			.isThrownBy(() -> this.repository.deletePolicy("web", "nope"));
	}

	@Test
	void deletingAGroupDeletesItsPoliciesAndTellsTheOthers() {
		this.repository.create(group("web", 2, 10));
		this.repository.createPolicy("web", SamplePolicies.targetTracking());
		this.repository.delete("web");
		assertThat(this.repository.findGroup("web")).isEmpty();
		assertThat(this.repository.findPolicies("web")).isEmpty();
		assertThat(this.events).containsExactly(new GroupDeleted("web"));
		// The policies went too: a group of the same name starts empty.
		this.repository.create(group("web", 2, 10));
		assertThat(this.repository.findPolicies("web")).isEmpty();
	}

	@Test
	void aListenerThatFailsUndoesTheDeletion() {
		GroupRepository failing = repository((event) -> {
			throw new IllegalStateException("cannot clean up");
		});
		this.repository.create(group("web", 2, 10));
		this.repository.createPolicy("web", SamplePolicies.targetTracking());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> failing.delete("web"));
		assertThat(this.repository.findGroup("web")).isPresent();
		assertThat(this.repository.findPolicies("web")).hasSize(1);
	}

	static ManagedGroup group(String name, Integer min, Integer max) {
		return new ManagedGroup(name, name + "-asg", "us-east-1", min, max, Duration.ofSeconds(15), Mode.DRY_RUN,
				SamplePolicies.BEHAVIOR, true, null, null, null, null);
	}

}
