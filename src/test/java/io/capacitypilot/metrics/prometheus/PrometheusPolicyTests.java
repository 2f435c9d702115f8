package io.capacitypilot.metrics.prometheus;

import java.time.Instant;
import java.util.List;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.control.Decision;
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
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A PromQL policy defined through the REST API drives the control loop of the whole application
 * (simulated fleet, dry-run), reading a real Prometheus; when Prometheus goes away mid-run, the
 * decision says why the metric is unknown and nothing scales in.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:prometheus-policy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.enabled=false", "capacitypilot.sim.demo-group=false" })
@AutoConfigureMockMvc
class PrometheusPolicyTests {

	private static MicrometerEndpoint app;

	private static PrometheusServer prometheus;

	@Autowired
	MockMvc mvc;

	@Autowired
	ControlLoop controlLoop;

	@BeforeAll
	static void startPrometheus() throws Exception {
		// Decided before the application context loads: a missing binary skips, it does not fail.
		PrometheusServer.assumeInstalled();
		app = MicrometerEndpoint.start();
		Gauge.builder("shop.load", () -> 42).register(app.registry());
		prometheus = PrometheusServer.start(MicrometerEndpoint.PATH, List.of(app.host() + ":" + app.port()));
	}

	@DynamicPropertySource
	static void prometheusUrl(DynamicPropertyRegistry registry) {
		registry.add("capacitypilot.metrics.prometheus.base-url", () -> prometheus.url().toString());
	}

	@AfterAll
	static void stopPrometheus() throws Exception {
		if (prometheus != null) {
			prometheus.close();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void aPromqlPolicyDrivesDecisionsAndAStoppedPrometheusMakesThemUnknown() throws Exception {
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "shop", "autoScalingGroupName": "shop-asg", "region": "us-east-1",
				 "minCapacity": 1, "maxCapacity": 10, "evaluationInterval": "PT1S"}"""))
			.andExpect(status().isCreated());
		this.mvc.perform(post("/api/v1/groups/shop/policies").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "load", "type": "target-tracking",
				 "metric": {"source": "prometheus", "query": "sum(shop_load)", "period": "PT1S"},
				 "targetValue": 10, "disableScaleIn": false}"""))
			.andExpect(status().isCreated());

		prometheus.awaitValueNow("sum(shop_load)");
		assertThat(this.controlLoop.tick(Instant.now())).hasSize(1);
		this.mvc.perform(get("/api/v1/groups/shop/decisions"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].direction").value("out"))
			.andExpect(jsonPath("$.items[0].detail.metrics[0].source").value("prometheus"))
			.andExpect(jsonPath("$.items[0].detail.metrics[0].error").doesNotExist())
			.andExpect(jsonPath("$.items[0].detail.metrics[0].datapoints[-1].value").value(42.0));
		this.mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components.prometheus.status").value("UP"));

		prometheus.close();
		Decision blind = this.controlLoop.tick(Instant.now().plusSeconds(2)).getFirst();
		assertThat(blind.direction().name()).isNotEqualTo("IN");
		this.mvc.perform(get("/api/v1/groups/shop/decisions"))
			.andExpect(jsonPath("$.totalItems").value(2))
			.andExpect(jsonPath("$.items[0].direction").value("none"))
			.andExpect(jsonPath("$.items[0].detail.recommendations[0].dataUnknown").value(true))
			.andExpect(jsonPath("$.items[0].detail.metrics[0].error").value(containsString("could not be reached")));
		this.mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components.prometheus.status").value("DOWN"));
	}

}
