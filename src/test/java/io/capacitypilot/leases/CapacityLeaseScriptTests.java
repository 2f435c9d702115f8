package io.capacitypilot.leases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.capacitypilot.engine.Mode;
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
		Process acquire = start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "4", "--ttl",
				"30m", "--wait", "2m", "--reason", "nightly \"soak\" test");
		await().until(() -> leaseIdOf(group) != null && this.watchers.watching(leaseIdOf(group)) == 1);
		this.fleet.setDesiredCapacity(target(group), 4);
		bootAndObserveFleets();
		Result result = finish(acquire);
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
		Result first = finish(start(Map.of(), args));
		Result again = finish(start(Map.of(), args));
		assertThat(first.exitCode()).as(first.stderr()).isZero();
		assertThat(again.exitCode()).as(again.stderr()).isZero();
		assertThat(again.stdout()).isEqualTo(first.stdout()).isEqualTo(leaseIdOf(group) + "\n");
		assertThat(again.stderr()).contains("already held under key run-7");
	}

	@Test
	void acquireGivesUpWhenTheWaitRunsOut() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Result result = finish(start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "4",
				"--ttl", "30m", "--wait", "2s"));
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout()).isEqualTo(leaseIdOf(group) + "\n");
		assertThat(result.stderr()).contains("timed out after 2s waiting for lease " + leaseIdOf(group));
		assertThat(get(group, leaseIdOf(group)).state()).isEqualTo(LeaseState.PROVISIONING);
	}

	@Test
	void acquireReportsTheServicesProblemWhenRefused() throws Exception {
		String group = createGroup(Mode.PAUSED, 3);
		Result tooMany = finish(start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "4",
				"--ttl", "30m"));
		assertThat(tooMany.exitCode()).isEqualTo(1);
		assertThat(tooMany.stdout()).isEmpty();
		assertThat(tooMany.stderr()).contains("HTTP 409 Lease above the group's maximum: A lease of 4 instances exceeds");
		Result tooLong = finish(start(Map.of(), "acquire", "--url", url(), "--group", group, "--capacity", "2",
				"--ttl", "13h"));
		assertThat(tooLong.exitCode()).isEqualTo(1);
		assertThat(tooLong.stderr()).contains("HTTP 400 Invalid request: ttl: must be at most PT12H");
		assertThat(leaseIdOf(group)).isNull();
	}

	@Test
	void releaseTakesTheServiceUrlFromTheEnvironment() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), org.springframework.http.HttpStatus.CREATED);
		Result result = finish(start(Map.of("CAPACITY_PILOT_URL", url()), "release", "--group", group, "--id",
				lease.id()));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).contains("lease " + lease.id() + " on " + group + ": released");
		assertThat(get(group, lease.id()).state()).isEqualTo(LeaseState.RELEASED);
	}

	@Test
	void releaseOfAnUnknownLeaseFails() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Result result = finish(start(Map.of(), "release", "--url", url(), "--group", group, "--id", "nope"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("HTTP 404 No such lease");
	}

	@Test
	void badUsageAndAnUnreachableServiceFail() throws Exception {
		Result missingGroup = finish(start(Map.of(), "acquire", "--capacity", "2", "--ttl", "30m"));
		assertThat(missingGroup.exitCode()).isEqualTo(2);
		assertThat(missingGroup.stderr()).contains("--group is required", "usage:");
		Result badTtl = finish(start(Map.of(), "acquire", "--group", "g", "--capacity", "2", "--ttl", "soon"));
		assertThat(badTtl.exitCode()).isEqualTo(2);
		Result unreachable = finish(start(Map.of(), "acquire", "--url", "http://127.0.0.1:1", "--group", "g",
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

	private static Process start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of("sh", "scripts/capacity-lease"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("CAPACITY_PILOT_URL");
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static Result finish(Process process) throws Exception {
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script finished").isTrue();
		return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
