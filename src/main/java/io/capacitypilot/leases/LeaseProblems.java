package io.capacitypilot.leases;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details (RFC 9457) the lease API answers with when it refuses a request. */
final class LeaseProblems {

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

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		return new ErrorResponseException(status, body, null);
	}

}
