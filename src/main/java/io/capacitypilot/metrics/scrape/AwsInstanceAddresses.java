package io.capacitypilot.metrics.scrape;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.capacitypilot.aws.RegionalClients;
import io.capacitypilot.fleet.FleetTarget;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The instances of a group's Auto Scaling Group that serve: {@code InService} and {@code Healthy}
 * in the group and, when target groups are attached, healthy in every one of them (an instance the
 * load balancer sends nothing to has no load worth measuring). Each is reached at its private IP
 * through the {@link AddressTemplate}.
 */
public class AwsInstanceAddresses implements InstanceAddresses, AutoCloseable {

	private final Function<String, Optional<FleetTarget>> groups;

	private final RegionalClients<AutoScalingClient> autoScaling;

	private final RegionalClients<ElasticLoadBalancingV2Client> loadBalancing;

	private final RegionalClients<Ec2Client> ec2;

	private final AddressTemplate template;

	/**
	 * @param groups the Auto Scaling Group of a managed group, by the managed group's name
	 */
	public AwsInstanceAddresses(Function<String, Optional<FleetTarget>> groups,
			RegionalClients<AutoScalingClient> autoScaling, RegionalClients<ElasticLoadBalancingV2Client> loadBalancing,
			RegionalClients<Ec2Client> ec2, AddressTemplate template) {
		this.groups = groups;
		this.autoScaling = autoScaling;
		this.loadBalancing = loadBalancing;
		this.ec2 = ec2;
		this.template = template;
	}

	@Override
	public List<InstanceEndpoint> of(String group) {
		FleetTarget target = this.groups.apply(group)
			.orElseThrow(() -> new IllegalArgumentException("there is no group named " + group));
		AutoScalingGroup autoScalingGroup = this.autoScaling.in(target.region(), target.roleArn())
			.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(target.autoScalingGroupName()))
			.autoScalingGroups()
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Auto Scaling Group " + target.autoScalingGroupName() + " does not exist"));
		Set<String> serving = autoScalingGroup.instances()
			.stream()
			.filter((instance) -> instance.lifecycleState() == LifecycleState.IN_SERVICE)
			.filter((instance) -> "Healthy".equalsIgnoreCase(instance.healthStatus()))
			.map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		for (String targetGroup : autoScalingGroup.targetGroupARNs()) {
			serving.retainAll(healthyTargets(target, targetGroup));
		}
		if (serving.isEmpty()) {
			return List.of();
		}
		return this.ec2.in(target.region(), target.roleArn())
			.describeInstancesPaginator((request) -> request.instanceIds(serving))
			.reservations()
			.stream()
			.flatMap((reservation) -> reservation.instances().stream())
			.filter((instance) -> instance.privateIpAddress() != null)
			.sorted(Comparator.comparing(Instance::instanceId))
			.map((instance) -> new InstanceEndpoint(instance.instanceId(),
					this.template.expand(instance.privateIpAddress(), instance.instanceId())))
			.toList();
	}

	private Set<String> healthyTargets(FleetTarget target, String targetGroupArn) {
		return this.loadBalancing.in(target.region(), target.roleArn())
			.describeTargetHealth((request) -> request.targetGroupArn(targetGroupArn))
			.targetHealthDescriptions()
			.stream()
			.filter((description) -> description.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
			.map((description) -> description.target().id())
			.collect(Collectors.toSet());
	}

	@Override
	public void close() {
		this.autoScaling.close();
		this.loadBalancing.close();
		this.ec2.close();
	}

}
