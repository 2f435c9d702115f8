package io.capacitypilot.api;

import java.util.List;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.groups.GroupRepository;
import io.capacitypilot.groups.InvalidDefinitionException;
import io.capacitypilot.groups.PolicyJson;
import io.capacitypilot.groups.UnknownNameException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The policies of a group, in the JSON form of {@code PolicyJson}. Every change makes the control
 * loop evaluate the group afresh on its next tick.
 */
@RestController
@RequestMapping("/api/v1/groups/{name}/policies")
class PolicyController {

	private final GroupRepository groups;

	private final ControlLoop controlLoop;

	PolicyController(GroupRepository groups, ControlLoop controlLoop) {
		this.groups = groups;
		this.controlLoop = controlLoop;
	}

	@GetMapping
	List<Policy> list(@PathVariable String name) {
		this.groups.findGroup(name).orElseThrow(() -> UnknownNameException.group(name));
		return this.groups.findPolicies(name);
	}

	@PostMapping
	ResponseEntity<Policy> create(@PathVariable String name, @RequestBody Policy policy) {
		Policy created = this.groups.createPolicy(name, policy);
		this.controlLoop.reschedule(name);
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{policy}").build(created.name()))
			.body(created);
	}

	@GetMapping("/{policy}")
	Policy get(@PathVariable String name, @PathVariable("policy") String policyName) {
		this.groups.findGroup(name).orElseThrow(() -> UnknownNameException.group(name));
		return this.groups.findPolicy(name, policyName)
			.orElseThrow(() -> UnknownNameException.policy(name, policyName));
	}

	@PutMapping("/{policy}")
	Policy replace(@PathVariable String name, @PathVariable("policy") String policyName, @RequestBody Policy policy) {
		Policy updated = this.groups.updatePolicy(name, named(policy, policyName));
		this.controlLoop.reschedule(name);
		return updated;
	}

	@DeleteMapping("/{policy}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String name, @PathVariable("policy") String policyName) {
		this.groups.deletePolicy(name, policyName);
		this.controlLoop.reschedule(name);
	}

	/** The body of a replace may leave the name out; if it gives one, it must be the path's. */
	private static Policy named(Policy policy, String name) {
		if (policy.name() != null && !policy.name().equals(name)) {
			throw InvalidDefinitionException.of("name", "must equal the name in the path ('" + name + "')");
		}
		return PolicyJson.withName(policy, name);
	}

}
