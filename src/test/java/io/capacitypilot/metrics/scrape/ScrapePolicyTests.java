package io.capacitypilot.metrics.scrape;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.metrics.MicrometerEndpoint;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A scrape policy defined through the REST API drives the control loop of the whole application,
 * reading two real Micrometer endpoints of its group; when both stop answering, the decision says
 * why the metric is unknown and nothing scales in.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:scrape-policy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.enabled=false", "capacitypilot.metrics.scrape.enabled=true",
		"capacitypilot.metrics.scrape.static-instances.shop=127.0.0.2,127.0.0.3" })
@AutoConfigureMockMvc
class ScrapePolicyTests {

	private static final AtomicInteger busy = new AtomicInteger(30);

	private static MicrometerEndpoint first;

	private static MicrometerEndpoint second;

	@Autowired
	MockMvc mvc;

	@Autowired
	ControlLoop controlLoop;

	@BeforeAll
	static void startInstances() throws Exception {
		first = MicrometerEndpoint.start("127.0.0.2", 0);
		second = MicrometerEndpoint.start("127.0.0.3", first.port());
		Gauge.builder("worker.busy", busy, AtomicInteger::get).register(first.registry());
		Gauge.builder("worker.busy", busy, AtomicInteger::get).register(second.registry());
	}

	@DynamicPropertySource
	static void instancePort(DynamicPropertyRegistry registry) {
		registry.add("capacitypilot.metrics.scrape.port", () -> first.port());
	}

	@AfterAll
	static void stopInstances() {
		first.close();
		second.close();
	}

	@Test
	void aScrapePolicyDrivesDecisionsAndSilentInstancesMakeThemUnknown() throws Exception {
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "shop", "autoScalingGroupName": "shop-asg", "region": "us-east-1",
				 "minCapacity": 1, "maxCapacity": 10, "evaluationInterval": "PT1S"}"""))
			.andExpect(status().isCreated());
		this.mvc.perform(post("/api/v1/groups/shop/policies").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "busy", "type": "target-tracking",
				 "metric": {"source": "scrape", "metricName": "worker_busy", "aggregation": "avg", "period": "PT15S",
				            "group": "shop"},
				 "targetValue": 10, "disableScaleIn": false}"""))
			.andExpect(status().isCreated());

		assertThat(this.controlLoop.tick(Instant.now())).hasSize(1);
		this.mvc.perform(get("/api/v1/groups/shop/decisions"))
			.andExpect(jsonPath("$.items[0].direction").value("out"))
			.andExpect(jsonPath("$.items[0].detail.metrics[0].source").value("scrape"))
			.andExpect(jsonPath("$.items[0].detail.metrics[0].datapoints[-1].value").value(30.0));

		first.close();
		second.close();
		assertThat(this.controlLoop.tick(Instant.now().plusSeconds(2))).hasSize(1);
		this.mvc.perform(get("/api/v1/groups/shop/decisions"))
			.andExpect(jsonPath("$.items[0].direction").value("none"))
			.andExpect(jsonPath("$.items[0].detail.recommendations[0].dataUnknown").value(true))
			.andExpect(jsonPath("$.items[0].detail.metrics[0].error")
				.value(startsWith("no instance of 2 gave a value")));
		this.mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components.scrape.status").value("DOWN"));
	}

}
