package io.capacitypilot.groups;

/**
 * One reason a definition was rejected.
 *
 * @param field the property path in the JSON form, such as {@code steps[1].lowerBound}
 */
public record FieldViolation(String field, String message) {
}
