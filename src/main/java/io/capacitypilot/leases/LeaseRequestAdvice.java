package io.capacitypilot.leases;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns an unreadable or invalid lease request into a 400 problem that names each offending field:
 * a pipeline's log must say what to fix.
 */
@RestControllerAdvice(assignableTypes = LeaseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LeaseRequestAdvice {

	@ExceptionHandler
	ErrorResponse invalid(MethodArgumentNotValidException ex) {
		Map<String, String> errors = ex.getFieldErrors()
			.stream()
			.collect(Collectors.toMap(FieldError::getField, (error) -> String.valueOf(error.getDefaultMessage()),
					(first, second) -> first + ", " + second, LinkedHashMap::new));
		return LeaseProblems.invalid(errors);
	}

	@ExceptionHandler
	ErrorResponse unreadable(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = databind.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: String.valueOf(reference.getIndex()))
				.collect(Collectors.joining("."));
			return LeaseProblems.invalid(Map.of(field, expectation(databind)));
		}
		return LeaseProblems.invalid(Map.of("body", "must be a JSON object"));
	}

	private static String expectation(DatabindException ex) {
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> type = mismatch.getTargetType();
			return (type == Duration.class) ? "must be an ISO-8601 duration, e.g. PT30M"
					: "must be of type " + type.getSimpleName().toLowerCase(Locale.ROOT);
		}
		return "cannot be read";
	}

}
