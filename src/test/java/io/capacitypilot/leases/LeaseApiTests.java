package io.capacitypilot.leases;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.capacitypilot.control.LeaseFloors;
import io.capacitypilot.engine.LeaseFloor;
import io.capacitypilot.engine.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseApiTests extends LeaseTestSupport {

	@Autowired
	LeaseFloors floors;

	@Test
	void acquiringAnswersCreatedWithTheLeaseAndWhereItLives() {
		String group = createGroup();
		EntityExchangeResult<Lease> result = this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(leaseRequest(4, "PT30M", null))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Lease.class)
			.returnResult();
		Lease lease = result.getResponseBody();
		assertThat(result.getResponseHeaders().getLocation()).hasPath("/api/v1/groups/" + group + "/leases/" + lease.id());
		assertThat(lease.groupName()).isEqualTo(group);
		assertThat(lease.capacity()).isEqualTo(4);
		assertThat(lease.ttl()).isEqualTo(Duration.ofMinutes(30));
		assertThat(lease.reason()).isEqualTo("load test");
		assertThat(lease.createdAt()).isEqualTo(this.clock.instant());
		assertThat(lease.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
		assertThat(lease.state()).isEqualTo(LeaseState.PROVISIONING);
		assertThat(lease.inService()).isEqualTo(2);
		assertThat(lease.healthy()).isEqualTo(2);
		assertThat(this.floors.activeFloors(group, this.clock.instant()))
			.containsExactly(new LeaseFloor(lease.id(), 4, lease.expiresAt()));
	}

	@Test
	void leaseIsReadyAtOnceWhenEnoughInstancesAlreadyServe() {
		String group = createGroup();
		this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(leaseRequest(2, "PT5M", null))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("ready")
			.jsonPath("$.readyAt")
			.isEqualTo(this.clock.instant().toString())
			.jsonPath("$.ttl")
			.isEqualTo("PT5M");
	}

	@Test
	void theSameClientKeyAnswersTheSameLease() {
		String group = createGroup();
		Lease first = acquire(group, leaseRequest(3, "PT30M", "pipeline-41"), HttpStatus.CREATED);
		Lease again = acquire(group, leaseRequest(3, "PT30M", "pipeline-41"), HttpStatus.OK);
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(acquire(group, leaseRequest(3, "PT30M", "pipeline-42"), HttpStatus.CREATED).id())
			.isNotEqualTo(first.id());
		assertThat(leaseRows(group)).isEqualTo(2);
	}

	@Test
	void concurrentRequestsWithOneClientKeyCreateOneLease() throws Exception {
		String group = createGroup();
		int clients = 8;
		Callable<EntityExchangeResult<Lease>> request = () -> this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(leaseRequest(3, "PT30M", "retried-job"))
			.exchange()
			.expectBody(Lease.class)
			.returnResult();
		List<EntityExchangeResult<Lease>> results;
		try (ExecutorService executor = Executors.newFixedThreadPool(clients)) {
			List<Future<EntityExchangeResult<Lease>>> futures = IntStream.range(0, clients)
				.mapToObj((i) -> executor.submit(request))
				.toList();
			results = futures.stream().map(LeaseApiTests::join).toList();
		}
		assertThat(results).extracting((result) -> result.getResponseBody().id()).containsOnly(results.getFirst().getResponseBody().id());
		assertThat(results).extracting((result) -> result.getStatus().value()).containsOnly(200, 201).containsOnlyOnce(201);
		assertThat(leaseRows(group)).isEqualTo(1);
	}

	@Test
	void capacityAboveTheGroupMaximumIsAConflict() {
		String group = createGroup(Mode.ACTIVE, 3);
		this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(leaseRequest(4, "PT30M", null))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.maximum")
			.isEqualTo(3)
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("4 instances", "maximum of 3"));
		assertThat(leaseRows(group)).isZero();
	}

	@Test
	void withoutItsOwnMaximumTheGroupIsBoundByTheAutoScalingGroupMaximum() {
		String group = createGroup();
		int asgMaximum = this.fleet.describe(target(group)).maxSize();
		acquire(group, leaseRequest(asgMaximum, "PT30M", null), HttpStatus.CREATED);
		this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(leaseRequest(asgMaximum + 1, "PT30M", null))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.maximum")
			.isEqualTo(asgMaximum);
	}

	@ParameterizedTest(name = "{0} → 400 naming {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"capacity": 0, "ttl": "PT30M"}                        | capacity
			{"ttl": "PT30M"}                                       | capacity
			{"capacity": 2}                                        | ttl
			{"capacity": 2, "ttl": "PT0S"}                         | ttl
			{"capacity": 2, "ttl": "-PT5M"}                        | ttl
			{"capacity": 2, "ttl": "PT12H1S"}                      | ttl
			{"capacity": 2, "ttl": "30m"}                          | ttl
			{"capacity": "two", "ttl": "PT30M"}                    | capacity
			{"capacity": 2, "ttl": "PT30M", "clientKey": "a b"}   | clientKey
			""")
	void invalidRequestsAreBadRequestsNamingTheField(String body, String field) {
		String group = createGroup();
		this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).startsWith(field + ": "));
		assertThat(leaseRows(group)).isZero();
	}

	@Test
	void unknownGroupsAndLeasesAreNotFound() {
		String group = createGroup();
		this.http.post()
			.uri("/api/v1/groups/no-such-group/leases")
			.contentType(MediaType.APPLICATION_JSON)
			.body(leaseRequest(1, "PT30M", null))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No group named 'no-such-group'");
		this.http.get().uri("/api/v1/groups/no-such-group/leases").exchange().expectStatus().isNotFound();
		this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}", group, "00000000-0000-0000-0000-000000000000")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("No such lease");
		this.http.delete()
			.uri("/api/v1/groups/{name}/leases/{id}", group, "00000000-0000-0000-0000-000000000000")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void releasingEndsTheLeaseAndItsFloor() {
		String group = createGroup();
		Lease lease = acquire(group, leaseRequest(3, "PT30M", null), HttpStatus.CREATED);
		Lease released = release(group, lease.id());
		assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
		assertThat(released.releasedAt()).isEqualTo(this.clock.instant());
		assertThat(this.floors.activeFloors(group, this.clock.instant())).isEmpty();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(release(group, lease.id())).isEqualTo(released);
		assertThat(get(group, lease.id())).isEqualTo(released);
	}

	@Test
	void aLeaseExpiresWhenItsTimeRunsOut() {
		String group = createGroup();
		Lease read = acquire(group, leaseRequest(3, "PT30M", null), HttpStatus.CREATED);
		Lease swept = acquire(group, leaseRequest(3, "PT30M", null), HttpStatus.CREATED);
		this.clock.advance(Duration.ofMinutes(30).minusSeconds(1));
		assertThat(this.floors.activeFloors(group, this.clock.instant())).hasSize(2);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.floors.activeFloors(group, this.clock.instant()))
			.as("a floor ends with its time, before any sweep")
			.isEmpty();
		assertThat(get(group, read.id()).state()).as("expired when read").isEqualTo(LeaseState.EXPIRED);
		this.monitor.tick(this.clock.instant());
		assertThat(this.jdbc.sql("SELECT state FROM lease WHERE id = ?").param(swept.id()).query(String.class).single())
			.as("expired by the sweep")
			.isEqualTo("expired");
		assertThat(release(group, swept.id()).state()).as("an expired lease stays expired").isEqualTo(LeaseState.EXPIRED);
	}

	@Test
	void theListShowsActiveAndRecentlyEndedLeases() {
		String group = createGroup();
		Lease old = acquire(group, leaseRequest(2, "PT1H", null), HttpStatus.CREATED);
		this.clock.advance(Duration.ofDays(2));
		Lease released = acquire(group, leaseRequest(2, "PT1H", null), HttpStatus.CREATED);
		release(group, released.id());
		this.clock.advance(Duration.ofSeconds(1));
		Lease active = acquire(group, leaseRequest(3, "PT1H", null), HttpStatus.CREATED);
		this.http.get()
			.uri("/api/v1/groups/{name}/leases", group)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].id")
			.isEqualTo(List.of(active.id(), released.id()))
			.jsonPath("$[*].state")
			.isEqualTo(List.of("provisioning", "released"));
		assertThat(get(group, old.id()).state()).isEqualTo(LeaseState.EXPIRED);
	}

	@Test
	void theLeaseIsReadyOnlyOnceEnoughInstancesHaveBootedAndServe() {
		String group = createGroup(Mode.PAUSED, null);
		Lease lease = acquire(group, leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		this.fleet.setDesiredCapacity(target(group), 4);
		observeFleets();
		assertThat(get(group, lease.id())).as("launched, still booting")
			.extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(LeaseState.PROVISIONING, 2, 2);
		bootAndObserveFleets();
		Lease ready = get(group, lease.id());
		assertThat(ready).extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(LeaseState.READY, 4, 4);
		assertThat(ready.readyAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void deletingTheGroupReleasesItsLeases() {
		String group = createGroup();
		Lease lease = acquire(group, leaseRequest(3, "PT30M", null), HttpStatus.CREATED);
		deleteGroup(group);
		assertThat(get(group, lease.id()).state()).isEqualTo(LeaseState.RELEASED);
		assertThat(this.floors.activeFloors(group, this.clock.instant())).isEmpty();
	}

	@Test
	void theLeaseApiIsDescribedInTheOpenApiDocument() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/groups/{name}/leases'].post")
			.exists()
			.jsonPath("$.paths['/api/v1/groups/{name}/leases/{id}'].delete")
			.exists()
			.jsonPath("$.paths['/api/v1/groups/{name}/leases/{id}/events'].get")
			.exists()
			.jsonPath("$.components.schemas.LeaseRequest.properties.ttl.example")
			.isEqualTo("PT30M");
	}

	long leaseRows(String group) {
		return this.jdbc.sql("SELECT COUNT(*) FROM lease WHERE group_name = ?").param(group).query(Long.class).single();
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
