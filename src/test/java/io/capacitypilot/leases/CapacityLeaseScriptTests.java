package io.capacitypilot.leases;

import java.util.Map;

import io.capacitypilot.engine.Mode;
import io.capacitypilot.testsupport.LeaseScript;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code scripts/capacity-lease} as a pipeline runs it: {@code sh} and {@code curl} against the
 * running service. Groups are paused so that only the test changes their fleet.
 */
class CapacityLeaseScriptTests extends LeaseTestSupport {

	@Autowired
	LeaseWatchers watchers;

	@LocalServerPort
	int port;

	@Test
	void acquireWaitsUntilTheLeasedCapacityServes() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Process acquire = LeaseScript.start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "4", "--ttl",
				"30m", "--wait", "2m", "--reason", "nightly \"soak\" test");
		await().until(() -> leaseIdOf(group) != null && this.watchers.watching(leaseIdOf(group)) == 1);
		this.fleet.setDesiredCapacity(target(group), 4);
		bootAndObserveFleets();
		LeaseScript.Result result = LeaseScript.finish(acquire);
		String id = leaseIdOf(group);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).isEqualTo(id + "\n");
		assertThat(result.stderr()).contains("lease " + id + " on " + group + ": provisioning, 2/4 serving, 2 InService")
			.contains(": ready, 4/4 serving, 4 InService");
		assertThat(get(group, id)).extracting(Lease::state, Lease::reason)
			.containsExactly(LeaseState.READY, "nightly \"soak\" test");
	}

	@Test
	void acquireWithAKeyAgainAnswersTheSameLease() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		String[] args = { "acquire", "--url", url(), "--group", group, "--capacity", "2", "--ttl", "PT30M", "--key",
				"run-7" };
		LeaseScript.Result first = LeaseScript.finish(LeaseScript.start(Map.of(), args));
		LeaseScript.Result again = LeaseScript.finish(LeaseScript.start(Map.of(), args));
		assertThat(first.exitCode()).as(first.stderr()).isZero();
		assertThat(again.exitCode()).as(again.stderr()).isZero();
		assertThat(again.stdout()).isEqualTo(first.stdout()).isEqualTo(leaseIdOf(group) + "\n");
		assertThat(again.stderr()).contains("already held under key run-7");
	}

	@Test
	void acquireGivesUpWhenTheWaitRunsOut() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		LeaseScript.Result result = LeaseScript.finish(LeaseScript.start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "4",
				"--ttl", "30m", "--wait", "2s"));
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout()).isEqualTo(leaseIdOf(group) + "\n");
		assertThat(result.stderr()).contains("timed out after 2s waiting for lease " + leaseIdOf(group));
		assertThat(get(group, leaseIdOf(group)).state()).isEqualTo(LeaseState.PROVISIONING);
	}

	@Test
	void acquireReportsTheServicesProblemWhenRefused() throws Exception {
		String group = createGroup(Mode.PAUSED, 3);
		LeaseScript.Result tooMany = LeaseScript.finish(LeaseScript.start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "4",
				"--ttl", "30m"));
		assertThat(tooMany.exitCode()).isEqualTo(1);
		assertThat(tooMany.stdout()).isEmpty();
		assertThat(tooMany.stderr()).contains("HTTP 409 Lease above the group's maximum: A lease of 4 instances exceeds");
		LeaseScript.Result tooLong = LeaseScript.finish(LeaseScript.start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "2",
				"--ttl", "13h"));
		assertThat(tooLong.exitCode()).isEqualTo(1);
		assertThat(tooLong.stderr()).contains("HTTP 400 Invalid request: ttl: must be at most PT12H");
		assertThat(leaseIdOf(group)).isNull();
	}

	@Test
	void releaseTakesTheServiceUrlFromTheEnvironment() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), org.springframework.http.HttpStatus.CREATED);
		LeaseScript.Result result = LeaseScript.finish(LeaseScript.start(Map.of("CAPACITY_PILOT_URL", url()), "release", "--group", group, "--id",
				lease.id()));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).contains("lease " + lease.id() + " on " + group + ": released");
		assertThat(get(group, lease.id()).state()).isEqualTo(LeaseState.RELEASED);
	}

	@Test
	void releaseOfAnUnknownLeaseFails() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		LeaseScript.Result result = LeaseScript.finish(LeaseScript.start(Map.of(), "release", "--url", url(), "--group", group, "--id", "nope"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("HTTP 404 No such lease");
	}

	@Test
	void badUsageAndAnUnreachableServiceFail() throws Exception {
		LeaseScript.Result missingGroup = LeaseScript.finish(LeaseScript.start(Map.of(), "acquire", "--capacity", "2", "--ttl", "30m"));
		assertThat(missingGroup.exitCode()).isEqualTo(2);
		assertThat(missingGroup.stderr()).contains("--group is required", "usage:");
		LeaseScript.Result badTtl = LeaseScript.finish(LeaseScript.start(Map.of(), "acquire", "--group", "g", "--capacity", "2", "--ttl", "soon"));
		assertThat(badTtl.exitCode()).isEqualTo(2);
		LeaseScript.Result unreachable = LeaseScript.finish(LeaseScript.start(Map.of(), "acquire", "--url", "http://127.0.0.1:1", "--group", "g",
				"--capacity", "2", "--ttl", "30m"));
		assertThat(unreachable.exitCode()).isEqualTo(1);
	}

	private String url() {
		return "http://localhost:" + this.port;
	}

	private String leaseIdOf(String group) {
		return this.jdbc.sql("SELECT id FROM lease WHERE group_name = ?")
			.param(group)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
