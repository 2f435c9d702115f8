package io.capacitypilot.fleet.sim;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a new user gets from {@code ./mvnw spring-boot:run}: the demo group, active on the
 * simulated fleet, deciding with reasons within its first evaluation.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:demo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.tick=100ms" })
@AutoConfigureMockMvc
class DemoGroupTests {

	@Autowired
	MockMvc mvc;

	@Test
	void demoGroupIsActiveAndDecidesWithReasons() {
		MockMvcTester api = MockMvcTester.create(this.mvc);
		assertThat(api.get().uri("/api/v1/groups/demo-web")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.mode")
			.isEqualTo("active");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				api.get().uri("/api/v1/groups/demo-web/decisions"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[0].detail.recommendations[0].reasons[0].code")
			.asString()
			.startsWith("target-tracking."));
	}

}
