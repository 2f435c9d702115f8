package io.capacitypilot.metrics.scrape;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.fleet.FleetTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against moto: an Auto Scaling Group of three instances behind a target group. The project's
 * shared AWS emulator fixture lives on another branch; this class starts its own moto_server.
 */
class AwsInstanceAddressesTests {

	private static final AddressTemplate TEMPLATE = new AddressTemplate("http://{privateIp}:{port}{path}#{instanceId}",
			8081, "/actuator/prometheus");

	private static Process moto;

	private static AutoScalingClient autoScaling;

	private static ElasticLoadBalancingV2Client loadBalancing;

	private static Ec2Client ec2;

	@BeforeAll
	static void startMoto() throws Exception {
		assumeTrue(onPath("moto_server"), "moto_server is not installed: pip install 'moto[server]'");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		URI endpoint = URI.create("http://127.0.0.1:" + port);
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpRequest health = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build();
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
		}
		autoScaling = emulated(AutoScalingClient.builder(), endpoint);
		loadBalancing = emulated(ElasticLoadBalancingV2Client.builder(), endpoint);
		ec2 = emulated(Ec2Client.builder(), endpoint);
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			autoScaling.close();
			loadBalancing.close();
			ec2.close();
			moto.destroy();
		}
	}

	@Test
	void healthyInServiceInstancesThatEveryTargetGroupFindsHealthy() {
		String vpc = ec2
			.describeVpcs((request) -> request.filters((filter) -> filter.name("is-default").values("true")))
			.vpcs()
			.getFirst()
			.vpcId();
		String subnet = ec2.describeSubnets((request) -> request.filters((filter) -> filter.name("vpc-id").values(vpc)))
			.subnets()
			.getFirst()
			.subnetId();
		ec2.createLaunchTemplate((request) -> request.launchTemplateName("web")
			.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType(InstanceType.T3_MICRO)));
		String targetGroup = loadBalancing
			.createTargetGroup((request) -> request.name("web").protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc))
			.targetGroups()
			.getFirst()
			.targetGroupArn();
		autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName("web-asg")
			.launchTemplate((template) -> template.launchTemplateName("web"))
			.minSize(0)
			.maxSize(5)
			.desiredCapacity(3)
			.vpcZoneIdentifier(subnet)
			.targetGroupARNs(targetGroup));
		List<String> instances = autoScaling
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
		autoScaling.setInstanceHealth((request) -> request.instanceId(instances.get(0)).healthStatus("Unhealthy"));
		loadBalancing.deregisterTargets(
				(request) -> request.targetGroupArn(targetGroup).targets((target) -> target.id(instances.get(1))));
		String privateIp = ec2.describeInstances((request) -> request.instanceIds(instances.get(2)))
			.reservations()
			.getFirst()
			.instances()
			.getFirst()
			.privateIpAddress();

		Map<String, FleetTarget> groups = Map.of("web", new FleetTarget("us-east-1", "web-asg"));
		AwsInstanceAddresses addresses = new AwsInstanceAddresses((name) -> Optional.ofNullable(groups.get(name)),
				(region) -> autoScaling, (region) -> loadBalancing, (region) -> ec2, TEMPLATE);

		assertThat(addresses.of("web")).containsExactly(
				URI.create("http://" + privateIp + ":8081/actuator/prometheus#" + instances.get(2)));
		assertThatIllegalArgumentException().isThrownBy(() -> addresses.of("nobody"))
			.withMessage("there is no group named nobody");
	}

	private static <B extends AwsClientBuilder<B, C>, C> C emulated(B builder, URI endpoint) {
		return builder.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build();
	}

	private static boolean onPath(String command) {
		return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.anyMatch((dir) -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command)));
	}

}
