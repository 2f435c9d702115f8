package io.capacitypilot.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.capacitypilot.groups.DuplicateNameException;
import io.capacitypilot.groups.FieldViolation;
import io.capacitypilot.groups.InvalidDefinitionException;
import io.capacitypilot.groups.UnknownNameException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 7807 problem. Spring's base class covers the protocol errors
 * (405, 406, 415...); this adds the domain ones and names the offending fields, under
 * {@code errors}, wherever they are known.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final URI INVALID_REQUEST = URI.create("urn:capacity-pilot:problem:invalid-request");

	@ExceptionHandler
	ProblemDetail invalidDefinition(InvalidDefinitionException ex) {
		return invalid(ex.violations());
	}

	@ExceptionHandler
	ProblemDetail unknownName(UnknownNameException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail duplicateName(DuplicateNameException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	/** Malformed JSON, or a value of the wrong type: say what the parser said, and where. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!(ex.getCause() instanceof JacksonException parseError)) {
			return super.handleHttpMessageNotReadable(ex, headers, status, request);
		}
		String path = path(parseError);
		String message = message(parseError);
		ProblemDetail problem = path.isEmpty() ? ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message)
				: invalid(List.of(new FieldViolation(path, message)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** A {@code @Valid} body that breaks its constraints. */
	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = ex.getFieldErrors()
			.stream()
			.map((error) -> new FieldViolation(error.getField(), error.getDefaultMessage()))
			.toList();
		return handleExceptionInternal(ex, invalid(violations), headers, status, request);
	}

	/** A query parameter out of range, such as a page size of 0. */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldViolation(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return handleExceptionInternal(ex, invalid(violations), headers, status, request);
	}

	/**
	 * A 400 that names each offending field, in {@code errors} for programs and in {@code detail} for
	 * the people reading a pipeline's log.
	 */
	private static ProblemDetail invalid(List<FieldViolation> violations) {
		String detail = violations.stream()
			.map((violation) -> violation.field() + ": " + violation.message())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", violations);
		return problem;
	}

	private static String message(JacksonException parseError) {
		// A record that refuses its arguments says why in its own words; that is the useful part.
		if (parseError instanceof ValueInstantiationException
				&& parseError.getCause() instanceof IllegalArgumentException refused) {
			return refused.getMessage();
		}
		if (parseError instanceof MismatchedInputException mismatch && mismatch.getTargetType() == Duration.class) {
			return "must be an ISO-8601 duration, e.g. PT30M";
		}
		return parseError.getOriginalMessage();
	}

	/** The JSON path of the value the parser choked on, such as {@code steps[1].lowerBound}. */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
