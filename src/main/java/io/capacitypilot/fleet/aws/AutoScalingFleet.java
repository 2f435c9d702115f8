package io.capacitypilot.fleet.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.capacitypilot.aws.RegionalClients;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.TargetGroup;
import io.capacitypilot.fleet.TargetState;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import org.springframework.util.StringUtils;

/**
 * An EC2 Auto Scaling Group through the AWS SDK: its bounds, capacity and instances read afresh on
 * every call (launch times from EC2, health from Auto Scaling and every attached target group), its
 * desired capacity set directly, victims terminated one by one, and targets registered in the
 * target groups Capacity Pilot owns.
 */
public class AutoScalingFleet implements Fleet, AutoCloseable {

	// EC2 accepts at most 200 values in one filter.
	private static final int INSTANCES_PER_EC2_CALL = 200;

	private static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

	// ELBv2's default, for a target group that does not report the attribute.
	private static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);

	private static final SdkPlugin SINGLE_ATTEMPT = (configuration) -> configuration
		.overrideConfiguration(configuration.overrideConfiguration()
			.toBuilder()
			.retryStrategy(AwsRetryStrategy.doNotRetry())
			.build());

	private final RegionalClients<AutoScalingClient> autoScaling;

	private final RegionalClients<Ec2Client> ec2;

	private final RegionalClients<ElasticLoadBalancingV2Client> loadBalancing;

	private final InstanceRefreshes instanceRefreshes = new InstanceRefreshes();

	public AutoScalingFleet(RegionalClients<AutoScalingClient> autoScaling, RegionalClients<Ec2Client> ec2,
			RegionalClients<ElasticLoadBalancingV2Client> loadBalancing) {
		this.autoScaling = autoScaling;
		this.ec2 = ec2;
		this.loadBalancing = loadBalancing;
	}

	@Override
	public FleetState describe(FleetTarget target) {
		AutoScalingClient client = this.autoScaling.in(target.region(), target.roleArn());
		AutoScalingGroup group = client
			.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(target.autoScalingGroupName()))
			.autoScalingGroups()
			.stream()
			.findFirst()
			.orElseThrow(() -> new AutoScalingGroupNotFoundException(target));
		List<String> instanceIds = group.instances()
			.stream()
			.map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId)
			.toList();
		Map<String, Instant> launchTimes = launchTimes(target, instanceIds);
		Predicate<String> healthyInTargetGroups = healthyInTargetGroups(target, group.targetGroupARNs());
		List<Instance> instances = group.instances()
			.stream()
			.map((instance) -> new Instance(instance.instanceId(), instance.availabilityZone(),
					Lifecycles.of(instance.lifecycleState()),
					"Healthy".equalsIgnoreCase(instance.healthStatus())
							&& healthyInTargetGroups.test(instance.instanceId()),
					Boolean.TRUE.equals(instance.protectedFromScaleIn()), launchTimes.get(instance.instanceId())))
			.toList();
		// A status is only set while the group is being deleted: nothing to scale then.
		boolean busy = StringUtils.hasText(group.status())
				|| this.instanceRefreshes.inProgress(client, target.autoScalingGroupName());
		return new FleetState(group.minSize(), group.maxSize(), group.desiredCapacity(), instances, busy);
	}

	@Override
	public void setDesiredCapacity(FleetTarget target, int desiredCapacity) {
		// The engine has applied its own cooldown; the ASG's (meant for simple scaling policies) must
		// not silently swallow the change.
		this.autoScaling.in(target.region(), target.roleArn())
			.setDesiredCapacity((request) -> request.autoScalingGroupName(target.autoScalingGroupName())
				.desiredCapacity(desiredCapacity)
				.honorCooldown(false));
	}

	/**
	 * One attempt only: a termination whose answer was lost may have happened, and a blind retry
	 * could lower the desired capacity twice. The caller checks the group before it tries again.
	 */
	@Override
	public void terminate(FleetTarget target, String instanceId) {
		this.autoScaling.in(target.region(), target.roleArn())
			.terminateInstanceInAutoScalingGroup((request) -> request.instanceId(instanceId)
				.shouldDecrementDesiredCapacity(true)
				.overrideConfiguration((override) -> override.addPlugin(SINGLE_ATTEMPT)));
	}

	@Override
	public void register(FleetTarget target, TargetGroup targetGroup, Collection<String> instanceIds) {
		if (!instanceIds.isEmpty()) {
			this.loadBalancing.in(target.region(), target.roleArn())
				.registerTargets((request) -> request.targetGroupArn(targetGroup.arn())
					.targets(targets(targetGroup, instanceIds)));
		}
	}

	@Override
	public void deregister(FleetTarget target, TargetGroup targetGroup, Collection<String> instanceIds) {
		if (!instanceIds.isEmpty()) {
			this.loadBalancing.in(target.region(), target.roleArn())
				.deregisterTargets((request) -> request.targetGroupArn(targetGroup.arn())
					.targets(targets(targetGroup, instanceIds)));
		}
	}

	@Override
	public Map<String, TargetState> targetHealth(FleetTarget target, TargetGroup targetGroup) {
		Map<String, TargetState> states = new HashMap<>();
		this.loadBalancing.in(target.region(), target.roleArn())
			.describeTargetHealth((request) -> request.targetGroupArn(targetGroup.arn()))
			.targetHealthDescriptions()
			.forEach((description) -> states.put(description.target().id(),
					stateOf(description.targetHealth().state())));
		return states;
	}

	@Override
	public Duration deregistrationDelay(FleetTarget target, TargetGroup targetGroup) {
		return this.loadBalancing.in(target.region(), target.roleArn())
			.describeTargetGroupAttributes((request) -> request.targetGroupArn(targetGroup.arn()))
			.attributes()
			.stream()
			.filter((attribute) -> DEREGISTRATION_DELAY.equals(attribute.key()))
			.findFirst()
			.map((attribute) -> Duration.ofSeconds(Long.parseLong(attribute.value())))
			.orElse(DEFAULT_DEREGISTRATION_DELAY);
	}

	@Override
	public List<String> nativeScalingPolicies(FleetTarget target) {
		return this.autoScaling.in(target.region(), target.roleArn())
			.describePoliciesPaginator((request) -> request.autoScalingGroupName(target.autoScalingGroupName()))
			.scalingPolicies()
			.stream()
			.filter((policy) -> !Boolean.FALSE.equals(policy.enabled()))
			.map(ScalingPolicy::policyName)
			.toList();
	}

	private static TargetState stateOf(TargetHealthStateEnum state) {
		return switch (state) {
			case INITIAL -> TargetState.INITIAL;
			case HEALTHY -> TargetState.HEALTHY;
			case UNHEALTHY -> TargetState.UNHEALTHY;
			case UNUSED -> TargetState.UNUSED;
			case DRAINING, UNHEALTHY_DRAINING -> TargetState.DRAINING;
			// A state this SDK does not know yet: serving nothing we can count on.
			default -> TargetState.UNAVAILABLE;
		};
	}

	private static List<TargetDescription> targets(TargetGroup targetGroup, Collection<String> instanceIds) {
		return instanceIds.stream()
			.map((id) -> TargetDescription.builder().id(id).port(targetGroup.port()).build())
			.toList();
	}

	private Map<String, Instant> launchTimes(FleetTarget target, List<String> instanceIds) {
		Map<String, Instant> launchTimes = new HashMap<>();
		Ec2Client client = this.ec2.in(target.region(), target.roleArn());
		for (int from = 0; from < instanceIds.size(); from += INSTANCES_PER_EC2_CALL) {
			List<String> batch = instanceIds.subList(from, Math.min(from + INSTANCES_PER_EC2_CALL, instanceIds.size()));
			// A filter, not InstanceIds: an instance terminated meanwhile is then left out instead of
			// failing the whole call with InvalidInstanceID.NotFound.
			client.describeInstancesPaginator((request) -> request.filters((filter) -> filter.name("instance-id")
				.values(batch)))
				.reservations()
				.forEach((reservation) -> reservation.instances()
					.forEach((instance) -> launchTimes.put(instance.instanceId(), instance.launchTime())));
		}
		return launchTimes;
	}

	// An instance serves only once every target group of the ASG reports it healthy; one that is not
	// registered in a target group (yet) serves nothing from it.
	private Predicate<String> healthyInTargetGroups(FleetTarget target, List<String> targetGroupArns) {
		ElasticLoadBalancingV2Client client = this.loadBalancing.in(target.region(), target.roleArn());
		List<Set<String>> healthyPerTargetGroup = targetGroupArns.stream()
			.map((arn) -> client.describeTargetHealth((request) -> request.targetGroupArn(arn))
				.targetHealthDescriptions()
				.stream()
				.filter((description) -> description.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
				.map((description) -> description.target().id())
				.collect(Collectors.toSet()))
			.toList();
		return (instanceId) -> healthyPerTargetGroup.stream().allMatch((healthy) -> healthy.contains(instanceId));
	}

	@Override
	public void close() {
		this.autoScaling.close();
		this.ec2.close();
		this.loadBalancing.close();
	}

}
