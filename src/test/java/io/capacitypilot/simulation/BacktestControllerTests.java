package io.capacitypilot.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.fleet.sim.SimulationProperties;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.metrics.MetricSources;
import io.capacitypilot.metrics.sim.SimulatedMetricSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(BacktestController.class)
@Import({ Backtests.class, BacktestControllerTests.SimulatedHistory.class })
class BacktestControllerTests {

	private static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

	@Autowired
	MockMvc mvc;

	@Test
	void backtestsTheLastDayByDefault() throws Exception {
		this.mvc.perform(post("/api/v1/groups/web/backtest"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scenario", containsString("the history of web")))
			.andExpect(jsonPath("$.results", hasSize(5)))
			.andExpect(jsonPath("$.results[0].policy").value("actual"))
			.andExpect(jsonPath("$.results[0].metrics.instanceHours").value(48.0))
			.andExpect(jsonPath("$.results[1].policy").value("web policies"));
	}

	@Test
	void takesAWindow() throws Exception {
		this.mvc.perform(post("/api/v1/groups/web/backtest").contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"2026-01-01T22:00:00Z\", \"seriesResolution\": \"PT30M\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].metrics.instanceHours").value(4.0))
			.andExpect(jsonPath("$.results[0].series", hasSize(4)));
	}

	@Test
	void anUnknownGroupIsNotFound() throws Exception {
		this.mvc.perform(post("/api/v1/groups/nope/backtest")).andExpect(status().isNotFound());
	}

	@Test
	void aWindowInTheFutureIsABadRequest() throws Exception {
		this.mvc.perform(post("/api/v1/groups/web/backtest").contentType(MediaType.APPLICATION_JSON)
			.content("{\"to\": \"2026-01-03T00:00:00Z\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("in the past")));
	}

	/** A simulated group with a day of steady history behind it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class SimulatedHistory {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		MetricSources metricSources(Clock clock) {
			SimulatedFleet fleet = new SimulatedFleet(clock,
					LoadTrace.of(Instant.parse("1998-06-10T00:00:00Z"), Duration.ofMinutes(1), 150),
					new SimulationProperties(Duration.ofSeconds(30), 100, null, Instant.parse("1998-06-10T00:00:00Z"),
							60, 1, 2, 1, 10));
			return new MetricSources(List.of(new SimulatedMetricSource(fleet)));
		}

		@Bean
		ScalingEngine scalingEngine() {
			return new DefaultScalingEngine();
		}

		@Bean
		GroupCatalog groupCatalog() {
			return new BacktestsTests.OneGroup(List.of());
		}

	}

}
