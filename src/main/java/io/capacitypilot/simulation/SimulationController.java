package io.capacitypilot.simulation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.TraceReader;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replays a trace through the chosen policies and returns their scores and time series, with the
 * same numbers as the command line for the same settings.
 */
@RestController
@RequestMapping("/api/v1/simulations")
class SimulationController {

	/** About a year of 15-second steps: a request must not hold a server thread for minutes. */
	private static final long MAX_STEPS = 2_000_000;

	private final BundledTraces traces;

	SimulationController(BundledTraces traces) {
		this.traces = traces;
	}

	@PostMapping
	Comparison simulate(@RequestBody SimulationRequest request) throws IOException {
		Scenario scenario = request.settings().toScenario(traceName(request), trace(request));
		Duration window = Duration.between(scenario.trace().start(), scenario.trace().end());
		List<Contender> contenders = request.policies().isEmpty() ? Arrays.asList(Contender.values())
				: request.policies().stream().map(Contender::of).toList();
		if (window.dividedBy(scenario.step()) * contenders.size() > MAX_STEPS) {
			throw new IllegalArgumentException("the simulation is too long for one request (" + window.toDays()
					+ " days of " + scenario.step().toSeconds() + " s steps for " + contenders.size()
					+ " policies): shorten it, or use the command line of docs/scaling-quality.md");
		}
		Duration resolution = (request.seriesResolution() != null) ? request.seriesResolution()
				: scenario.defaultSeriesResolution();
		return new Comparison(scenario.describe(), scenario.compare(contenders, resolution));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid simulation");
		return problem;
	}

	private String traceName(SimulationRequest request) {
		return (request.trace() != null) ? request.trace() : "uploaded trace";
	}

	private LoadTrace trace(SimulationRequest request) throws IOException {
		if ((request.trace() == null) == (request.traceCsv() == null)) {
			throw new IllegalArgumentException("give either trace (one of " + this.traces.names()
					+ ") or traceCsv (timestamp_seconds,requests_per_second[,valid])");
		}
		if (request.trace() != null) {
			return this.traces.get(request.trace());
		}
		return TraceReader.read(new ByteArrayInputStream(request.traceCsv().getBytes(StandardCharsets.UTF_8)),
				"traceCsv");
	}

}
