package io.capacitypilot.api;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A group's live fleet read from a real Auto Scaling API (the emulator), and what a missing one shows. */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:aws-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.enabled=false", "capacitypilot.cloud=aws" })
@AutoConfigureMockMvc
@AwsEmulatorTest
class AwsGroupApiTests {

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		AwsEmulator.get().registerProperties(registry);
	}

	@Test
	void aGroupShowsItsAutoScalingGroup() throws Exception {
		try (Ec2Client ec2 = AwsEmulator.get().configure(Ec2Client.builder()).build();
				AutoScalingClient autoScaling = AwsEmulator.get().configure(AutoScalingClient.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("shop")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName("shop-asg")
				.launchTemplate((template) -> template.launchTemplateName("shop"))
				.minSize(1)
				.maxSize(4)
				.desiredCapacity(2)
				.availabilityZones("us-east-1a"));
		}
		create("shop", "shop-asg");
		this.mvc.perform(get("/api/v1/groups/shop"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.fleet.minSize").value(1))
			.andExpect(jsonPath("$.fleet.maxSize").value(4))
			.andExpect(jsonPath("$.fleet.desiredCapacity").value(2))
			.andExpect(jsonPath("$.fleet.inService").value(2))
			.andExpect(jsonPath("$.fleet.instances[0].availabilityZone").value("us-east-1a"))
			.andExpect(jsonPath("$.fleet.instances[0].lifecycle").value("in-service"))
			.andExpect(jsonPath("$.fleetError").doesNotExist());
	}

	@Test
	void aFleetThatCannotBeReadIsReportedNotFailed() throws Exception {
		create("ghost", "no-such-asg");
		this.mvc.perform(get("/api/v1/groups/ghost"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("ghost"))
			.andExpect(jsonPath("$.fleet").doesNotExist())
			.andExpect(jsonPath("$.fleetError").value(containsString("no-such-asg")));
	}

	private void create(String name, String autoScalingGroupName) throws Exception {
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"%s\",\"autoScalingGroupName\":\"%s\",\"region\":\"us-east-1\"}".formatted(name,
					autoScalingGroupName)))
			.andExpect(status().isCreated());
	}

}
