package io.capacitypilot.actuation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.capacitypilot.testsupport.AwsEmulator;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * Auto Scaling Groups, target groups and CPU load on the emulator, set up and read directly (not
 * through the fault proxy): what a test arranges and checks must not fail with the service's calls.
 */
final class EmulatedGroups implements AutoCloseable {

	final AutoScalingClient autoScaling;

	private final CloudWatchClient cloudWatch;

	private final ElasticLoadBalancingV2Client loadBalancing;

	private final String vpcId;

	/** Clients on the emulator, and the launch template every group launches from. */
	EmulatedGroups(AwsEmulator emulator) {
		this.autoScaling = emulator.configure(AutoScalingClient.builder()).build();
		this.cloudWatch = emulator.configure(CloudWatchClient.builder()).build();
		this.loadBalancing = emulator.configure(ElasticLoadBalancingV2Client.builder()).build();
		try (Ec2Client ec2 = emulator.configure(Ec2Client.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("app")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			this.vpcId = ec2.describeVpcs().vpcs().getFirst().vpcId();
		}
	}

	/** A target group, not attached to any ASG: Capacity Pilot registers in it. */
	String createTargetGroup(String name) {
		return this.loadBalancing
			.createTargetGroup((request) -> request.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(this.vpcId))
			.targetGroups()
			.getFirst()
			.targetGroupArn();
	}

	void deregistrationDelay(String targetGroupArn, int seconds) {
		this.loadBalancing.modifyTargetGroupAttributes((request) -> request.targetGroupArn(targetGroupArn)
			.attributes((attribute) -> attribute.key("deregistration_delay.timeout_seconds").value(String.valueOf(seconds))));
	}

	void createAutoScalingGroup(String name, int desired) {
		this.autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(name)
			.launchTemplate((template) -> template.launchTemplateName("app"))
			.minSize(1)
			.maxSize(10)
			.desiredCapacity(desired)
			.availabilityZones("us-east-1a"));
	}

	AutoScalingGroup group(String name) {
		return this.autoScaling.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(name))
			.autoScalingGroups()
			.getFirst();
	}

	Set<String> instanceIds(String name) {
		return group(name).instances().stream().map(Instance::instanceId).collect(Collectors.toSet());
	}

	List<String> inService(String name) {
		return group(name).instances()
			.stream()
			.filter((instance) -> "InService".equals(instance.lifecycleStateAsString()))
			.map(Instance::instanceId)
			.toList();
	}

	Set<String> targets(String targetGroupArn) {
		return this.loadBalancing.describeTargetHealth((request) -> request.targetGroupArn(targetGroupArn))
			.targetHealthDescriptions()
			.stream()
			.map((description) -> description.target().id())
			.collect(Collectors.toSet());
	}

	/** A group's CPU now; {@link GroupsApi} policies read the minimum of ten seconds, so a lower value put later wins. */
	void putCpu(String asgName, double value) {
		this.cloudWatch.putMetricData((request) -> request.namespace("AWS/EC2")
			.metricData((datum) -> datum.metricName("CPUUtilization")
				.dimensions(Dimension.builder().name("AutoScalingGroupName").value(asgName).build())
				.timestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS))
				.unit(StandardUnit.PERCENT)
				.value(value)));
	}

	@Override
	public void close() {
		this.autoScaling.close();
		this.cloudWatch.close();
		this.loadBalancing.close();
	}

}
