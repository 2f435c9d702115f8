package io.capacitypilot.api;

import java.util.List;

import io.capacitypilot.actuation.Actuator;
import io.capacitypilot.control.Action;
import io.capacitypilot.control.DecisionRepository;
import io.capacitypilot.control.DecisionView;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.UnknownNameException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of a group: every evaluation with its reasons, newest first. */
@RestController
@RequestMapping("/api/v1/groups/{name}/decisions")
class DecisionController {

	private final GroupCatalog catalog;

	private final DecisionRepository decisions;

	private final Actuator actuator;

	private final JsonMapper json;

	DecisionController(GroupCatalog catalog, DecisionRepository decisions, Actuator actuator, JsonMapper json) {
		this.catalog = catalog;
		this.decisions = decisions;
		this.actuator = actuator;
		this.json = json;
	}

	@GetMapping
	DecisionPage list(@PathVariable String name, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		this.catalog.findGroup(name).orElseThrow(() -> UnknownNameException.group(name));
		List<DecisionView> items = this.decisions.findPage(name, page, size)
			.stream()
			.map((decision) -> DecisionView.of(decision, (decision.action() == Action.TERMINATE_INSTANCES)
					? this.actuator.stepsOf(decision.id()) : List.of(), this.json))
			.toList();
		return new DecisionPage(items, page, size, this.decisions.count(name));
	}

	record DecisionPage(List<DecisionView> items, int page, int size, long totalItems) {
	}

}
