package io.capacitypilot.leases;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details (RFC 9457) the lease API answers with when it refuses a request. */
final class LeaseProblems {

	private static final URI INVALID = URI.create("urn:capacity-pilot:problem:invalid-request");

	private LeaseProblems() {
	}

	static ErrorResponseException noSuchGroup(String groupName) {
		return problem(HttpStatus.NOT_FOUND, "No such group", "No group named '" + groupName + "'");
	}

	static ErrorResponseException noSuchLease(String groupName, String id) {
		return problem(HttpStatus.NOT_FOUND, "No such lease", "Group '" + groupName + "' has no lease '" + id + "'");
	}

	static ErrorResponseException aboveMaximum(String groupName, int capacity, int maximum) {
		ErrorResponseException problem = problem(HttpStatus.CONFLICT, "Lease above the group's maximum",
				"A lease of " + capacity + " instances exceeds the maximum of " + maximum + " of group '" + groupName
						+ "', and the group does not let leases raise its maximum");
		problem.getBody().setProperty("capacity", capacity);
		problem.getBody().setProperty("maximum", maximum);
		return problem;
	}

	static ErrorResponseException fleetUnreadable(String groupName, RuntimeException cause) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Fleet unreadable",
				"Could not read the Auto Scaling Group of '" + groupName + "': " + cause.getMessage());
	}

	/** A 400 that names the offending fields, so a pipeline's log says what to fix. */
	static ErrorResponseException invalid(Map<String, String> messagesByField) {
		List<Map<String, String>> errors = messagesByField.entrySet()
			.stream()
			.map((entry) -> Map.of("field", entry.getKey(), "message", entry.getValue()))
			.toList();
		String detail = String.join("; ", errors.stream().map((error) -> error.get("field") + " " + error.get("message")).toList());
		ErrorResponseException problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
		problem.getBody().setType(INVALID);
		problem.getBody().setProperty("errors", errors);
		return problem;
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		return new ErrorResponseException(status, body, null);
	}

}
