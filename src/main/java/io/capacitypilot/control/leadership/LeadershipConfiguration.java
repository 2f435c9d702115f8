package io.capacitypilot.control.leadership;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * Leader election over Spring Integration's JDBC lock: the lock table ({@code int_lock}, created by
 * Flyway) lives in the database every replica shares, so it works the same on H2 (one replica) and
 * on PostgreSQL (several).
 */
@Configuration(proxyBeanMethods = false)
class LeadershipConfiguration {

	@Bean
	Leadership leadership(LeadershipProperties properties) {
		return properties.enabled() ? Leadership.elected(properties.replicaId())
				: Leadership.alone(properties.replicaId());
	}

	/** Up on every replica: a follower is as healthy as the leader, it only waits. */
	@Bean
	HealthIndicator leadershipHealthIndicator(Leadership leadership) {
		return () -> Health.up()
			.withDetail("leader", leadership.isLeader())
			.withDetail("replica", leadership.replicaId())
			.build();
	}

	@Bean
	MeterBinder leadershipMeters(Leadership leadership) {
		return (registry) -> Gauge.builder("capacitypilot.leader", leadership, (l) -> l.isLeader() ? 1 : 0)
			.description("1 while this replica is the leader and runs the control loop, else 0")
			.register(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "capacitypilot.leadership.enabled", matchIfMissing = true)
	static class Election {

		@Bean
		DefaultLockRepository leaderLockRepository(DataSource dataSource, LeadershipProperties properties) {
			DefaultLockRepository locks = new DefaultLockRepository(dataSource, properties.replicaId());
			// A follower's attempt on a held lock inserts a row that exists: without this, PostgreSQL
			// logs a unique-key violation every heartbeat (H2 understands it in PostgreSQL mode).
			locks.setInsertQuery(locks.getInsertQuery() + " ON CONFLICT DO NOTHING");
			return locks;
		}

		@Bean
		ReleasingLeaderInitiator leaderInitiator(DefaultLockRepository leaderLockRepository, Leadership leadership,
				LeadershipProperties properties) {
			JdbcLockRegistry locks = new JdbcLockRegistry(
					new ReportingLockRepository(leaderLockRepository, leadership), properties.ttl());
			// A follower tries to take the lock once a heartbeat, not ten times a second.
			locks.setIdleBetweenTries(properties.heartbeat());
			ReleasingLeaderInitiator initiator = new ReleasingLeaderInitiator(locks, leadership);
			initiator.setHeartBeatMillis(properties.heartbeat().toMillis());
			return initiator;
		}

	}

}
