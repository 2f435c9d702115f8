package io.capacitypilot.groups;

/** A group, or a policy within its group, already has this name. */
public class DuplicateNameException extends RuntimeException {

	public DuplicateNameException(String message) {
		super(message);
	}

}
