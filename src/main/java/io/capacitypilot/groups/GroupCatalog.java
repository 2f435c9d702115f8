package io.capacitypilot.groups;

import java.util.List;
import java.util.Optional;

import io.capacitypilot.engine.Policy;

/** Read access to the managed groups and their policies, as the control loop needs it. */
public interface GroupCatalog {

	List<ManagedGroup> findAllGroups();

	Optional<ManagedGroup> findGroup(String name);

	List<Policy> findPolicies(String groupName);

}
