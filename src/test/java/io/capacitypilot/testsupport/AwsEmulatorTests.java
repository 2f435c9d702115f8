package io.capacitypilot.testsupport;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import static org.assertj.core.api.Assertions.assertThat;

@AwsEmulatorTest
class AwsEmulatorTests {

	private final AwsEmulator emulator = AwsEmulator.get();

	@Test
	void resetForgetsWhatEarlierTestsCreated() {
		try (Ec2Client ec2 = this.emulator.configure(Ec2Client.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("forgotten")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			assertThat(launchTemplateNames(ec2)).contains("forgotten");

			this.emulator.reset();

			assertThat(launchTemplateNames(ec2)).doesNotContain("forgotten");
		}
	}

	@Test
	void springPropertiesPointSpringCloudAwsAtTheEmulator() {
		assertThat(this.emulator.springProperties())
			.containsEntry("spring.cloud.aws.endpoint", this.emulator.endpoint().toString())
			.containsEntry("spring.cloud.aws.region.static", "us-east-1")
			.containsEntry("spring.cloud.aws.credentials.access-key", "test")
			.containsEntry("capacitypilot.aws.max-attempts", "1");
	}

	private static List<String> launchTemplateNames(Ec2Client ec2) {
		return ec2.describeLaunchTemplates()
			.launchTemplates()
			.stream()
			.map((template) -> template.launchTemplateName())
			.toList();
	}

}
