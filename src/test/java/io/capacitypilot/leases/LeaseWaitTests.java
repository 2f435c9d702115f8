package io.capacitypilot.leases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.capacitypilot.engine.Mode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting for a lease: long-polls answer when the lease changes, not when a poll comes round, and
 * event streams report each change until the lease is ready or ended. Groups are paused so that
 * only the test changes their fleet.
 */
class LeaseWaitTests extends LeaseTestSupport {

	@Autowired
	LeaseWatchers watchers;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	@Test
	void aLongPollAnswersAsSoonAsTheLeaseIsReady() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		CompletableFuture<Lease> answer = CompletableFuture.supplyAsync(() -> awaitReady(group, lease.id(), "PT5M"));
		await().until(() -> this.watchers.watching(lease.id()) == 1);
		this.fleet.setDesiredCapacity(target(group), 4);
		observeFleets();
		bootAndObserveFleets();
		assertThat(answer.get(30, TimeUnit.SECONDS)).extracting(Lease::state, Lease::healthy)
			.containsExactly(LeaseState.READY, 4);
		await().until(() -> this.watchers.watching(lease.id()) == 0);
	}

	@Test
	void aLongPollOnAReadyLeaseAnswersAtOnce() {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(2, "PT30M", null), HttpStatus.CREATED);
		assertThat(awaitReady(group, lease.id(), "PT5M").state()).isEqualTo(LeaseState.READY);
	}

	@Test
	void aLongPollThatTimesOutAnswersTheLeaseAsItStands() {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		Lease answer = awaitReady(group, lease.id(), "PT1S");
		assertThat(answer.state()).isEqualTo(LeaseState.PROVISIONING);
		assertThat(answer.id()).isEqualTo(lease.id());
		assertThat(this.watchers.watching(lease.id())).isZero();
	}

	@Test
	void aLongPollEndsWhenTheLeaseIsReleasedOrItsGroupDeleted() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Lease released = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		Lease cancelled = acquire(group, leaseRequest(5, "PT30M", null), HttpStatus.CREATED);
		CompletableFuture<Lease> first = CompletableFuture.supplyAsync(() -> awaitReady(group, released.id(), "PT5M"));
		await().until(() -> this.watchers.watching(released.id()) == 1);
		release(group, released.id());
		assertThat(first.get(30, TimeUnit.SECONDS).state()).isEqualTo(LeaseState.RELEASED);
		CompletableFuture<Lease> second = CompletableFuture.supplyAsync(() -> awaitReady(group, cancelled.id(), "PT5M"));
		await().until(() -> this.watchers.watching(cancelled.id()) == 1);
		deleteGroup(group);
		assertThat(second.get(30, TimeUnit.SECONDS).state()).isEqualTo(LeaseState.RELEASED);
	}

	@Test
	void waitingForAnythingButReadyOrTooLongIsABadRequest() {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}?waitFor=released", group, lease.id())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("waitFor");
		this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}?waitFor=ready&timeout=PT11M", group, lease.id())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("timeout");
	}

	@Test
	void theEventStreamReportsEachChangeUntilTheLeaseIsReady() throws Exception {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		List<String> lines = new CopyOnWriteArrayList<>();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/groups/" + group + "/leases/"
					+ lease.id() + "/events"))
			.header("Accept", "text/event-stream")
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			CompletableFuture<Void> stream = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
				.thenAccept((response) -> response.body().forEach(lines::add));
			await().until(() -> events(lines).size() == 1);
			this.fleet.setDesiredCapacity(target(group), 3);
			observeFleets();
			bootAndObserveFleets();
			await().until(() -> events(lines).size() == 2);
			observeFleets();
			this.fleet.setDesiredCapacity(target(group), 4);
			bootAndObserveFleets();
			stream.get(30, TimeUnit.SECONDS);
		}
		assertThat(lines).filteredOn((line) -> line.startsWith("event:")).containsOnly("event:lease");
		assertThat(events(lines)).extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(LeaseState.PROVISIONING, 2, 2),
					org.assertj.core.groups.Tuple.tuple(LeaseState.PROVISIONING, 3, 3),
					org.assertj.core.groups.Tuple.tuple(LeaseState.READY, 4, 4));
	}

	@Test
	void theEventStreamOfAnEndedLeaseSaysSoAndEnds() {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		release(group, lease.id());
		String body = this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}/events", group, lease.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(events(body.lines().toList())).extracting(Lease::state).containsExactly(LeaseState.RELEASED);
	}

	private Lease awaitReady(String group, String id, String timeout) {
		return api().awaitReady(group, id, timeout);
	}

	private List<Lease> events(List<String> lines) {
		return lines.stream()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> this.json.readValue(line.substring("data:".length()), Lease.class))
			.toList();
	}

}
