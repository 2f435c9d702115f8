package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.util.Map;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.ScalingRules;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.groups.DuplicateNameException;
import io.capacitypilot.groups.GroupRepository;
import io.capacitypilot.groups.ManagedGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The group a new user sees at work on the embedded default: {@code demo-web}, active, tracking
 * 70 % CPU on the simulated fleet. Created once; an existing group of that name is left as its
 * owner changed it. Replicas that start together on one database race to create it: one wins.
 */
@Component
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "sim", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "capacitypilot.sim.demo-group", matchIfMissing = true)
class DemoGroup implements ApplicationRunner {

	static final String NAME = "demo-web";

	private static final Log logger = LogFactory.getLog(DemoGroup.class);

	private final GroupRepository groups;

	private final SimulationProperties simulation;

	DemoGroup(GroupRepository groups, SimulationProperties simulation) {
		this.groups = groups;
		this.simulation = simulation;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.groups.findGroup(NAME).isPresent()) {
			return;
		}
		// A replayed day lasts minutes, so scale-in settles within a minute rather than the default five.
		Behavior behavior = new Behavior(null, new ScalingRules(Duration.ofMinutes(1), null, null, null), null);
		try {
			this.groups.create(new ManagedGroup(NAME, NAME, "sim", null, null, Duration.ofSeconds(10), Mode.ACTIVE,
					behavior, false, null, null, null, null));
		}
		catch (DuplicateNameException ex) {
			// Another replica created it a moment ago, and creates its policy.
			return;
		}
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", NAME),
				"Average", Duration.ofSeconds(10));
		// Simulated metrics show an instance's share of the load as soon as it serves: its warm-up is its boot.
		this.groups.createPolicy(NAME,
				new TargetTrackingPolicy("cpu", cpu, 70, this.simulation.bootTime(), false, null, null, null));
		logger.info("Created the demo group '" + NAME + "' on the simulated fleet: see /api/v1/groups/" + NAME
				+ "/decisions");
	}

}
