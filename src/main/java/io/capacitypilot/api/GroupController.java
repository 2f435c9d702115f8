package io.capacitypilot.api;

import java.util.List;
import java.util.Map;

import io.capacitypilot.actuation.Actuator;
import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.TargetState;
import io.capacitypilot.groups.GroupRepository;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.groups.UnknownNameException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
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

/** The managed groups. Every change makes the control loop evaluate the group afresh on its next tick. */
@RestController
@RequestMapping("/api/v1/groups")
class GroupController {

	private static final Log logger = LogFactory.getLog(GroupController.class);

	private final GroupRepository groups;

	private final ControlLoop controlLoop;

	private final ObjectProvider<Fleet> fleet;

	private final Actuator actuator;

	GroupController(GroupRepository groups, ControlLoop controlLoop, ObjectProvider<Fleet> fleet, Actuator actuator) {
		this.groups = groups;
		this.controlLoop = controlLoop;
		this.fleet = fleet;
		this.actuator = actuator;
	}

	@GetMapping
	List<GroupView> list() {
		return this.groups.findAllGroups().stream().map(GroupView::of).toList();
	}

	@PostMapping
	ResponseEntity<GroupView> create(@RequestBody GroupRequest request) {
		ManagedGroup created = this.groups.create(request.toGroup());
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{name}").build(created.name()))
			.body(GroupView.of(created));
	}

	@GetMapping("/{name}")
	GroupView get(@PathVariable String name) {
		ManagedGroup group = this.groups.findGroup(name).orElseThrow(() -> UnknownNameException.group(name));
		Fleet fleet = this.fleet.getIfAvailable();
		if (fleet == null) {
			return GroupView.of(group, null, "No fleet is configured");
		}
		try {
			FleetTarget target = group.target();
			FleetState state = fleet.describe(target);
			Map<String, Map<String, TargetState>> targetHealth = Map.of();
			String targetHealthError = null;
			try {
				targetHealth = this.actuator.targetHealth(group, target);
			}
			catch (RuntimeException ex) {
				// The group's instances and the victims leaving it are worth showing without it.
				targetHealthError = "target health could not be read: " + ex.getMessage();
			}
			return GroupView.of(group, GroupView.Fleet.of(state, targetHealth, this.actuator.leaving(name)),
					targetHealthError);
		}
		catch (RuntimeException ex) {
			// The group's definition is still worth showing when its fleet cannot be read. The
			// response carries the error; the dashboard polls, so the log only gets it at debug.
			logger.debug("Reading the fleet of group '" + name + "' failed", ex);
			return GroupView.of(group, null, String.valueOf(ex.getMessage()));
		}
	}

	@PutMapping("/{name}")
	GroupView replace(@PathVariable String name, @RequestBody GroupRequest request) {
		ManagedGroup updated = this.groups.update(request.toGroup(name));
		this.controlLoop.reschedule(name);
		return GroupView.of(updated);
	}

	/** A one-field change for the dashboard's pause button. */
	@PutMapping("/{name}/mode")
	GroupView changeMode(@PathVariable String name, @RequestBody ModeChange change) {
		ManagedGroup updated = this.groups.changeMode(name, change.mode());
		this.controlLoop.reschedule(name);
		return GroupView.of(updated);
	}

	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String name) {
		this.groups.delete(name);
		this.controlLoop.reschedule(name);
	}

	record ModeChange(Mode mode) {
	}

}
