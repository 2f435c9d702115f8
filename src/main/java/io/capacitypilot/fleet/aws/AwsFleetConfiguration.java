package io.capacitypilot.fleet.aws;

import io.capacitypilot.aws.AwsClients;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real fleet: EC2 Auto Scaling Groups, when {@code capacitypilot.cloud=aws}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "aws")
public class AwsFleetConfiguration {

	@Bean
	AutoScalingFleet autoScalingFleet(AwsClients clients) {
		return new AutoScalingFleet(clients.regional(AutoScalingClient::builder), clients.regional(Ec2Client::builder),
				clients.regional(ElasticLoadBalancingV2Client::builder));
	}

}
