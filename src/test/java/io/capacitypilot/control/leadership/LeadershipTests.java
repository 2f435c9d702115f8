package io.capacitypilot.control.leadership;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.integration.leader.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LeadershipTests {

	private static final Context CONTEXT = () -> true;

	@Test
	void aReplicaLeadsOnlyOnceGrantedAndWhileItsLockHolds() {
		Leadership leadership = Leadership.elected("a");
		assertThat(leadership.isLeader()).isFalse();
		leadership.held(System.nanoTime(), Duration.ofMinutes(1));
		assertThat(leadership.isLeader()).isFalse();
		leadership.onGranted(CONTEXT);
		assertThat(leadership.isLeader()).isTrue();
		leadership.onRevoked(CONTEXT);
		assertThat(leadership.isLeader()).isFalse();
	}

	@Test
	void aLeaderWhoseLastRenewalRanOutNoLongerLeadsBeforeItHearsOfIt() {
		Leadership leadership = Leadership.elected("a");
		leadership.onGranted(CONTEXT);
		leadership.held(System.nanoTime() - Duration.ofSeconds(11).toNanos(), Duration.ofSeconds(10));
		assertThat(leadership.isLeader()).isFalse();
		leadership.held(System.nanoTime(), Duration.ofSeconds(10));
		assertThat(leadership.isLeader()).isTrue();
	}

	@Test
	void aReplicaAloneAlwaysLeads() {
		Leadership leadership = Leadership.alone("a");
		assertThat(leadership.isLeader()).isTrue();
		assertThat(leadership.replicaId()).isEqualTo("a");
	}

	@Test
	void shutdownWaitsForTheLeaderToLetGoOfItsLock() {
		AtomicInteger stopped = new AtomicInteger();
		Leadership follower = Leadership.elected("a");
		follower.whenRevoked(stopped::incrementAndGet);
		assertThat(stopped).hasValue(1);

		Leadership leader = Leadership.elected("b");
		leader.onGranted(CONTEXT);
		leader.whenRevoked(stopped::incrementAndGet);
		assertThat(stopped).hasValue(1);
		leader.onRevoked(CONTEXT);
		assertThat(stopped).hasValue(2);
		leader.onRevoked(CONTEXT);
		assertThat(stopped).hasValue(2);
	}

	@Test
	void theHeartbeatMustLeaveTheLockTimeToBeRenewed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LeadershipProperties(true, Duration.ofSeconds(2), Duration.ofMillis(1500), "a"))
			.withMessageContaining("at most half the ttl");
		assertThat(new LeadershipProperties(true, Duration.ofSeconds(10), Duration.ofSeconds(1), null).replicaId())
			.isNotBlank();
	}

}
