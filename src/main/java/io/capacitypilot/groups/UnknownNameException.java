package io.capacitypilot.groups;

/** No group, or no policy in the group, has this name. */
public class UnknownNameException extends RuntimeException {

	public UnknownNameException(String message) {
		super(message);
	}

	public static UnknownNameException group(String name) {
		return new UnknownNameException("No group named '" + name + "'");
	}

	public static UnknownNameException policy(String groupName, String name) {
		return new UnknownNameException("Group '" + groupName + "' has no policy named '" + name + "'");
	}

}
