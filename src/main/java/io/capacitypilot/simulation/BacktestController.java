package io.capacitypilot.simulation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replays a group's policies over its own recent history and compares them with what happened.
 */
@RestController
class BacktestController {

	private final Backtests backtests;

	BacktestController(Backtests backtests) {
		this.backtests = backtests;
	}

	@PostMapping("/api/v1/groups/{name}/backtest")
	ResponseEntity<?> backtest(@PathVariable String name, @RequestBody(required = false) BacktestRequest request) {
		return this.backtests.run(name, (request != null) ? request : BacktestRequest.DEFAULTS)
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"no group " + name)).build());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail noHistory(IllegalStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

}
