package io.capacitypilot.groups;

import java.util.List;

/** A group or policy definition that is inconsistent; nothing was written. */
public class InvalidDefinitionException extends RuntimeException {

	private final List<FieldViolation> violations;

	public InvalidDefinitionException(List<FieldViolation> violations) {
		super("Invalid definition: " + violations);
		this.violations = List.copyOf(violations);
	}

	public static InvalidDefinitionException of(String field, String message) {
		return new InvalidDefinitionException(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> violations() {
		return this.violations;
	}

}
