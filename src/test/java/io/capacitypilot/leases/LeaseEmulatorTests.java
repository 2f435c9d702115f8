package io.capacitypilot.leases;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases on real Auto Scaling Groups, through the AWS SDK against the emulator: the floor sets the
 * group's desired capacity, the lease turns ready when the instances are InService and healthy,
 * and expiry, release, idempotent keys and wait timeouts behave as on the simulated fleet. (The
 * emulator launches instances InService at once; boot-time semantics are tested on the simulated
 * fleet.) The test drives the control loop and the lease monitor itself.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "capacitypilot.cloud=aws",
				"spring.datasource.url=jdbc:h2:mem:leases-aws;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"capacitypilot.control.enabled=false", "capacitypilot.leases.monitor=false" })
@AutoConfigureRestTestClient
@AwsEmulatorTest
@Import(LeaseTestSupport.TestClock.class)
class LeaseEmulatorTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final AtomicInteger groups = new AtomicInteger();

	@Autowired
	RestTestClient http;

	@Autowired
	MutableClock clock;

	@Autowired
	ControlLoop controlLoop;

	@Autowired
	LeaseMonitor monitor;

	private AutoScalingClient autoScaling;

	private LeaseApi api;

	private String group;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		AwsEmulator.get().registerProperties(registry);
	}

	/** An Auto Scaling Group of two (at most six) with a name of its own; each test manages it as a group. */
	@BeforeEach
	void createAutoScalingGroup() {
		this.group = "leased-asg-" + groups.incrementAndGet();
		AwsEmulator emulator = AwsEmulator.get();
		this.autoScaling = emulator.configure(AutoScalingClient.builder()).build();
		try (Ec2Client ec2 = emulator.configure(Ec2Client.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName(this.group)
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
		}
		this.autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(this.group)
			.launchTemplate((template) -> template.launchTemplateName(this.group))
			.minSize(1)
			.maxSize(6)
			.desiredCapacity(2)
			.availabilityZones("us-east-1a"));
		this.api = new LeaseApi(this.http);
	}

	@AfterEach
	void close() {
		this.autoScaling.close();
	}

	@Test
	void aLeaseSetsTheDesiredCapacityAndIsReadyOnceTheInstancesServe() {
		this.api.createGroup(this.group, this.group, AwsEmulator.REGION.id(), INTERVAL, Mode.ACTIVE, null, false);
		Lease lease = this.api.acquire(this.group, LeaseApi.leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		assertThat(lease).extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(LeaseState.PROVISIONING, 2, 2);
		this.controlLoop.tick(this.clock.instant());
		assertThat(autoScalingGroup().desiredCapacity()).isEqualTo(4);
		this.monitor.tick(this.clock.advance(INTERVAL));
		assertThat(this.api.get(this.group, lease.id())).extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(LeaseState.READY, 4, 4);
	}

	@Test
	void theAutoScalingGroupsMaximumBoundsALease() {
		this.api.createGroup(this.group, this.group, AwsEmulator.REGION.id(), INTERVAL, Mode.ACTIVE, null, false);
		this.http.post()
			.uri("/api/v1/groups/{name}/leases", this.group)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(LeaseApi.leaseRequest(7, "PT30M", null))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.maximum")
			.isEqualTo(6);
	}

	@Test
	void theSameClientKeyAnswersTheSameLease() {
		this.api.createGroup(this.group, this.group, AwsEmulator.REGION.id(), INTERVAL, Mode.ACTIVE, null, false);
		Lease first = this.api.acquire(this.group, LeaseApi.leaseRequest(3, "PT30M", "job-1"), HttpStatus.CREATED);
		Lease again = this.api.acquire(this.group, LeaseApi.leaseRequest(3, "PT30M", "job-1"), HttpStatus.OK);
		assertThat(again.id()).isEqualTo(first.id());
	}

	@Test
	void releasedAndExpiredLeasesEnd() {
		this.api.createGroup(this.group, this.group, AwsEmulator.REGION.id(), INTERVAL, Mode.ACTIVE, null, false);
		Lease released = this.api.acquire(this.group, LeaseApi.leaseRequest(3, "PT30M", null), HttpStatus.CREATED);
		Lease expiring = this.api.acquire(this.group, LeaseApi.leaseRequest(3, "PT5M", null), HttpStatus.CREATED);
		assertThat(this.api.release(this.group, released.id()).state()).isEqualTo(LeaseState.RELEASED);
		this.monitor.tick(this.clock.advance(Duration.ofMinutes(5)));
		assertThat(this.api.get(this.group, expiring.id()).state()).isEqualTo(LeaseState.EXPIRED);
	}

	@Test
	void aWaitThatTimesOutAnswersTheLeaseStillProvisioning() {
		this.api.createGroup(this.group, this.group, AwsEmulator.REGION.id(), INTERVAL, Mode.PAUSED, null, false);
		Lease lease = this.api.acquire(this.group, LeaseApi.leaseRequest(4, "PT30M", null), HttpStatus.CREATED);
		this.controlLoop.tick(this.clock.instant());
		assertThat(autoScalingGroup().desiredCapacity()).as("a paused group is left alone").isEqualTo(2);
		assertThat(this.api.awaitReady(this.group, lease.id(), "PT1S").state()).isEqualTo(LeaseState.PROVISIONING);
	}

	private AutoScalingGroup autoScalingGroup() {
		return this.autoScaling.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(this.group))
			.autoScalingGroups()
			.getFirst();
	}

}
