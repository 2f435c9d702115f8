package io.capacitypilot.fleet.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.aws.AwsSdkProperties;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.capacitypilot.testsupport.FaultProxy;
import io.capacitypilot.testsupport.FaultProxy.Fault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@AwsEmulatorTest
class AutoScalingFleetTests {

	private final AwsEmulator emulator = AwsEmulator.get();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private AutoScalingFleet fleet;

	private AutoScalingClient autoScaling;

	private String groupName;

	private Instant createdFrom;

	@BeforeEach
	void createGroupOfTwo(TestInfo test) {
		AwsClients clients = this.emulator.clients(this.registry);
		this.fleet = new AutoScalingFleet(clients.regional(AutoScalingClient::builder),
				clients.regional(Ec2Client::builder), clients.regional(ElasticLoadBalancingV2Client::builder));
		this.autoScaling = this.emulator.configure(AutoScalingClient.builder()).build();
		this.groupName = "web-" + test.getTestMethod().orElseThrow().getName();
		// EC2 stamps launch times to the second.
		this.createdFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		try (Ec2Client ec2 = this.emulator.configure(Ec2Client.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName(this.groupName)
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
		}
		this.autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(this.groupName)
			.launchTemplate((template) -> template.launchTemplateName(this.groupName))
			.minSize(1)
			.maxSize(6)
			.desiredCapacity(2)
			.availabilityZones("us-east-1a"));
	}

	@AfterEach
	void close() {
		this.fleet.close();
		this.autoScaling.close();
	}

	@Test
	void describesBoundsCapacityAndInstances() {
		FleetState state = this.fleet.describe(target());

		assertThat(state.minSize()).isEqualTo(1);
		assertThat(state.maxSize()).isEqualTo(6);
		assertThat(state.desiredCapacity()).isEqualTo(2);
		assertThat(state.busy()).isFalse();
		assertThat(state.instances()).hasSize(2).allSatisfy((instance) -> {
			assertThat(instance.id()).startsWith("i-");
			assertThat(instance.availabilityZone()).isEqualTo("us-east-1a");
			assertThat(instance.lifecycle()).isEqualTo(LifecycleState.IN_SERVICE);
			assertThat(instance.healthy()).isTrue();
			assertThat(instance.protectedFromScaleIn()).isFalse();
			assertThat(instance.launchTime()).isBetween(this.createdFrom, Instant.now());
		});
		assertThat(state.servingCount()).isEqualTo(2);
	}

	@Test
	void reportsScaleInProtection() {
		String protectedId = this.fleet.describe(target()).instances().getFirst().id();
		this.autoScaling.setInstanceProtection((request) -> request.autoScalingGroupName(this.groupName)
			.instanceIds(protectedId)
			.protectedFromScaleIn(true));

		assertThat(this.fleet.describe(target()).instances())
			.filteredOn(Instance::protectedFromScaleIn)
			.extracting(Instance::id)
			.containsExactly(protectedId);
	}

	@Test
	void anInstanceIsHealthyOnlyWhenEveryTargetGroupRoutesToIt() {
		List<Instance> instances = this.fleet.describe(target()).instances();
		try (ElasticLoadBalancingV2Client elb = this.emulator.configure(ElasticLoadBalancingV2Client.builder()).build();
				Ec2Client ec2 = this.emulator.configure(Ec2Client.builder()).build()) {
			String vpcId = ec2.describeVpcs().vpcs().getFirst().vpcId();
			String targetGroupArn = elb
				.createTargetGroup((request) -> request.name("web").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpcId))
				.targetGroups()
				.getFirst()
				.targetGroupArn();
			this.autoScaling.attachLoadBalancerTargetGroups(
					(request) -> request.autoScalingGroupName(this.groupName).targetGroupARNs(targetGroupArn));
			elb.registerTargets((request) -> request.targetGroupArn(targetGroupArn)
				.targets((t) -> t.id(instances.get(0).id()), (t) -> t.id(instances.get(1).id())));
			elb.deregisterTargets((request) -> request.targetGroupArn(targetGroupArn)
				.targets((t) -> t.id(instances.get(1).id())));
		}

		assertThat(this.fleet.describe(target()).instances()).filteredOn(Instance::healthy)
			.extracting(Instance::id)
			.containsExactly(instances.get(0).id());
	}

	@Test
	void setsTheDesiredCapacity() {
		this.fleet.setDesiredCapacity(target(), 4);

		FleetState state = this.fleet.describe(target());
		assertThat(state.desiredCapacity()).isEqualTo(4);
		assertThat(state.instances()).hasSize(4);
	}

	@Test
	void anUnknownGroupIsAClearError() {
		assertThatExceptionOfType(AutoScalingGroupNotFoundException.class)
			.isThrownBy(() -> this.fleet.describe(new FleetTarget("us-east-1", "no-such-group")))
			.withMessage("Auto Scaling Group 'no-such-group' does not exist in us-east-1");
	}

	@Test
	void timesEveryCallByServiceAndOperation() {
		this.fleet.describe(target());

		assertThat(this.registry.get("capacitypilot.aws.calls")
			.tags("service", "AutoScaling", "operation", "DescribeAutoScalingGroups", "outcome", "SUCCESS")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("capacitypilot.aws.calls")
			.tags("service", "Ec2", "operation", "DescribeInstances", "outcome", "SUCCESS")
			.timer()
			.count()).isEqualTo(1);
	}

	private FleetTarget target() {
		return new FleetTarget("us-east-1", this.groupName);
	}

	@Test
	void aTerminationIsAttemptedOnceWhereOtherCallsAreRetried() {
		try (FaultProxy proxy = FaultProxy.to(this.emulator.endpoint())) {
			AwsClients clients = this.emulator.clients(this.registry, proxy.endpoint(),
					new AwsSdkProperties(Duration.ofSeconds(10), Duration.ofSeconds(1), 3));
			try (AutoScalingFleet retrying = new AutoScalingFleet(clients.regional(AutoScalingClient::builder),
					clients.regional(Ec2Client::builder), clients.regional(ElasticLoadBalancingV2Client::builder))) {
				String victim = this.fleet.describe(target()).instances().getFirst().id();
				proxy.inject("TerminateInstanceInAutoScalingGroup", Fault.TIMEOUT);
				proxy.inject("SetDesiredCapacity", Fault.SERVER_ERROR);

				assertThatException().isThrownBy(() -> retrying.terminate(target(), victim));
				assertThatException().isThrownBy(() -> retrying.setDesiredCapacity(target(), 3));
				// The termination went through once, unanswered, and was not repeated blindly.
				assertThat(proxy.forwarded(victim)).containsExactly("TerminateInstanceInAutoScalingGroup");
				assertThat(proxy.requests()).filteredOn((request) -> request.operation().equals("SetDesiredCapacity"))
					.hasSize(3);
				assertThat(this.fleet.describe(target()).desiredCapacity()).isEqualTo(1);
			}
		}
	}

}
