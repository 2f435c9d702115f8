package io.capacitypilot.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(SimulationController.class)
@Import(BundledTraces.class)
class SimulationControllerTests {

	/** Two hours of one-minute samples rising from 100 to 690 req/s. */
	private static final String RAMP = ramp();

	@Autowired
	MockMvc mvc;

	@TempDir
	Path directory;

	@Test
	void returnsTheSameNumbersAsTheCommandLine() throws Exception {
		Path file = Files.writeString(this.directory.resolve("ramp.csv"), RAMP);
		Map<String, String> options = Map.of("trace", file.toString(), "boot", "60s..120s", "target", "60",
				"policies", "oracle,aws-target-tracking,engine");
		List<ReplayResult> command = SimulationCommand.scenario(options)
			.compare(SimulationCommand.contenders(options), null);

		this.mvc.perform(post("/api/v1/simulations").contentType(MediaType.APPLICATION_JSON).content("""
				{"traceCsv": "%s",
				 "settings": {"bootTime": "PT1M", "bootTimeMax": "PT2M", "targetUtilization": 60},
				 "policies": ["oracle", "aws-target-tracking", "engine"],
				 "seriesResolution": "PT10M"}""".formatted(RAMP.replace("\n", "\\n"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scenario", containsString("boot 60–120 s (uniform)")))
			.andExpect(jsonPath("$.results", hasSize(3)))
			.andExpect(jsonPath("$.results[0].policy").value("oracle"))
			.andExpect(jsonPath("$.results[0].metrics.underProvisioning").value(0.0))
			.andExpect(jsonPath("$.results[1].metrics.instanceHours")
				.value(closeTo(command.get(1).metrics().instanceHours(), 1e-9)))
			.andExpect(jsonPath("$.results[1].metrics.scalingActions").value(command.get(1).metrics().scalingActions()))
			.andExpect(jsonPath("$.results[2].metrics.overProvisioning")
				.value(closeTo(command.get(2).metrics().overProvisioning(), 1e-9)))
			.andExpect(jsonPath("$.results[0].series", hasSize(12)))
			.andExpect(jsonPath("$.results[0].series[0].demand").value(1))
			.andExpect(jsonPath("$.results[0].series[0].supply").value(2));
	}

	@Test
	void replaysABundledTrace() throws Exception {
		this.mvc.perform(post("/api/v1/simulations").contentType(MediaType.APPLICATION_JSON).content("""
				{"trace": "worldcup98",
				 "settings": {"from": "1998-06-10T12:00:00Z", "to": "1998-06-10T18:00:00Z"},
				 "policies": ["kubernetes-hpa"]}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].policy").value("Kubernetes HPA"))
			.andExpect(jsonPath("$.results[0].series", hasSize(360)));
	}

	@Test
	void rejectsARequestWithoutOneTrace() throws Exception {
		this.mvc.perform(post("/api/v1/simulations").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("give either trace")));
		this.mvc.perform(post("/api/v1/simulations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"trace\": \"worldcup98\", \"policies\": [\"magic\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("unknown policy magic")));
	}

	private static String ramp() {
		StringBuilder csv = new StringBuilder("timestamp_seconds,requests_per_second\n");
		for (int minute = 0; minute < 120; minute++) {
			csv.append(60 * minute).append(',').append(100 + 5 * minute).append('\n');
		}
		return csv.toString();
	}

}
