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
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

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

	@Test
	void aGroupInAnotherAccountIsReachedThroughItsRoleWithTemporaryCredentials() {
		// The emulator keeps accounts apart as AWS does: a role's temporary key acts in the role's account.
		String role = "arn:aws:iam::210987654321:role/ops/capacity-pilot";
		String name = "other-" + this.groupName;
		try (StsClient sts = this.emulator.configure(StsClient.builder()).build();
				StsAssumeRoleCredentialsProvider other = StsAssumeRoleCredentialsProvider.builder()
					.stsClient(sts)
					.refreshRequest((request) -> request.roleArn(role).roleSessionName("test-setup"))
					.build();
				AutoScalingClient otherAutoScaling = this.emulator.configure(AutoScalingClient.builder())
					.credentialsProvider(other)
					.build();
				Ec2Client otherEc2 = this.emulator.configure(Ec2Client.builder()).credentialsProvider(other).build()) {
			otherEc2.createLaunchTemplate((request) -> request.launchTemplateName(name)
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			otherAutoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(name)
				.launchTemplate((template) -> template.launchTemplateName(name))
				.minSize(1)
				.maxSize(6)
				.desiredCapacity(2)
				.availabilityZones("us-east-1a"));

			try (FaultProxy proxy = FaultProxy.to(this.emulator.endpoint());
					AwsClients clients = this.emulator.clients(this.registry, proxy.endpoint(),
							new AwsSdkProperties(Duration.ofSeconds(10), Duration.ofSeconds(5), 1));
					AutoScalingFleet fleet = new AutoScalingFleet(clients.regional(AutoScalingClient::builder),
							clients.regional(Ec2Client::builder),
							clients.regional(ElasticLoadBalancingV2Client::builder))) {
				FleetTarget inOtherAccount = new FleetTarget("us-east-1", name, role);

				assertThat(fleet.describe(inOtherAccount).instances()).hasSize(2);
				fleet.setDesiredCapacity(inOtherAccount, 3);
				assertThatExceptionOfType(AutoScalingGroupNotFoundException.class)
					.as("not in the service's own account")
					.isThrownBy(() -> fleet.describe(new FleetTarget("us-east-1", name)));

				List<FaultProxy.Request> assumed = proxy.requests()
					.stream()
					.filter((request) -> request.operation().equals("AssumeRole"))
					.toList();
				assertThat(assumed).as("one session, shared by every client and call").hasSize(1);
				assertThat(assumed.getFirst().text()).contains("RoleArn=" + role, "RoleSessionName=capacity-pilot");
				assertThat(assumed.getFirst().accessKeyId()).as("STS is called with the service's own key")
					.isEqualTo(AwsEmulator.ACCESS_KEY);
				assertThat(proxy.requests()).extracting(FaultProxy.Request::operation)
					.contains("DescribeAutoScalingGroups", "DescribeInstances", "SetDesiredCapacity");
				assertThat(proxy.requests()).filteredOn((request) -> request.operation().equals("SetDesiredCapacity"))
					.extracting(FaultProxy.Request::accessKeyId)
					.as("the group's calls use the role's temporary key, not the service's own")
					.singleElement()
					.satisfies((key) -> assertThat(key).isNotEqualTo(AwsEmulator.ACCESS_KEY));
			}
			assertThat(otherAutoScaling.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(name))
				.autoScalingGroups()
				.getFirst()
				.desiredCapacity()).isEqualTo(3);
		}
	}

}
