package io.capacitypilot.metrics.scrape;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Against the AWS emulator: an Auto Scaling Group of three instances behind a target group. */
@AwsEmulatorTest
class AwsInstanceAddressesTests {

	private static final AddressTemplate TEMPLATE = new AddressTemplate("http://{privateIp}:{port}{path}#{instanceId}",
			8081, "/actuator/prometheus");

	private final AwsEmulator emulator = AwsEmulator.get();

	private AutoScalingClient autoScaling;

	private ElasticLoadBalancingV2Client loadBalancing;

	private Ec2Client ec2;

	@BeforeEach
	void clients() {
		this.autoScaling = this.emulator.configure(AutoScalingClient.builder()).build();
		this.loadBalancing = this.emulator.configure(ElasticLoadBalancingV2Client.builder()).build();
		this.ec2 = this.emulator.configure(Ec2Client.builder()).build();
	}

	@AfterEach
	void close() {
		this.autoScaling.close();
		this.loadBalancing.close();
		this.ec2.close();
	}

	@Test
	void healthyInServiceInstancesThatEveryTargetGroupFindsHealthy() {
		String vpc = this.ec2
			.describeVpcs((request) -> request.filters((filter) -> filter.name("is-default").values("true")))
			.vpcs()
			.getFirst()
			.vpcId();
		String subnet = this.ec2
			.describeSubnets((request) -> request.filters((filter) -> filter.name("vpc-id").values(vpc)))
			.subnets()
			.getFirst()
			.subnetId();
		this.ec2.createLaunchTemplate((request) -> request.launchTemplateName("web")
			.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType(InstanceType.T3_MICRO)));
		String targetGroup = this.loadBalancing
			.createTargetGroup((request) -> request.name("web").protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc))
			.targetGroups()
			.getFirst()
			.targetGroupArn();
		this.autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName("web-asg")
			.launchTemplate((template) -> template.launchTemplateName("web"))
			.minSize(0)
			.maxSize(5)
			.desiredCapacity(3)
			.vpcZoneIdentifier(subnet)
			.targetGroupARNs(targetGroup));
		List<String> instances = this.autoScaling
			.describeAutoScalingGroups((request) -> request.autoScalingGroupNames("web-asg"))
			.autoScalingGroups()
			.getFirst()
			.instances()
			.stream()
			.map(Instance::instanceId)
			.sorted()
			.toList();
		assertThat(instances).hasSize(3);
		// One instance is unhealthy in the group, one has left the load balancer: one serves.
		this.autoScaling.setInstanceHealth((request) -> request.instanceId(instances.get(0)).healthStatus("Unhealthy"));
		this.loadBalancing.deregisterTargets(
				(request) -> request.targetGroupArn(targetGroup).targets((target) -> target.id(instances.get(1))));
		String privateIp = this.ec2.describeInstances((request) -> request.instanceIds(instances.get(2)))
			.reservations()
			.getFirst()
			.instances()
			.getFirst()
			.privateIpAddress();

		Map<String, FleetTarget> groups = Map.of("web", new FleetTarget("us-east-1", "web-asg"));
		AwsClients clients = this.emulator.clients(new SimpleMeterRegistry());
		try (AwsInstanceAddresses addresses = new AwsInstanceAddresses(
				(name) -> Optional.ofNullable(groups.get(name)), clients.regional(AutoScalingClient::builder),
				clients.regional(ElasticLoadBalancingV2Client::builder), clients.regional(Ec2Client::builder),
				TEMPLATE)) {
			assertThat(addresses.of("web")).containsExactly(new InstanceEndpoint(instances.get(2),
					URI.create("http://" + privateIp + ":8081/actuator/prometheus#" + instances.get(2))));
			assertThatIllegalArgumentException().isThrownBy(() -> addresses.of("nobody"))
				.withMessage("there is no group named nobody");
		}
	}

}
