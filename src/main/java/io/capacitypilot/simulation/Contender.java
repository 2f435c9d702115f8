package io.capacitypilot.simulation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.TargetTrackingPolicy;

/** The policies a scenario can compare, each built afresh for one replay. */
public enum Contender {

	ORACLE("oracle") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			return new Oracle(demand, scenario.fleet().bootTime().longest());
		}
	},

	STATIC_PEAK("static-peak") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			return StaticCapacity.peak(demand);
		}
	},

	STATIC_MEAN("static-mean") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			return StaticCapacity.mean(demand);
		}
	},

	AWS_TARGET_TRACKING("aws-target-tracking") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			return new AwsTargetTracking(scenario.targetPercent(), scenario.warmup());
		}
	},

	KUBERNETES_HPA("kubernetes-hpa") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			return new KubernetesHpa(scenario.targetPercent());
		}
	},

	/** The production engine with one target-tracking policy on the scenario's target. */
	ENGINE("engine") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
					Map.of("AutoScalingGroupName", "replay"), "Average", Duration.ofMinutes(1));
			TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu-" + Math.round(scenario.targetPercent()), cpu,
					scenario.targetPercent(), scenario.warmup(), false, null, null);
			return new EngineAutoscaler("Capacity Pilot engine", new DefaultScalingEngine(),
					new GroupSettings("replay", null, null, Behavior.NONE, Mode.ACTIVE), List.of(policy),
					Duration.ofMinutes(1));
		}
	};

	private final String id;

	Contender(String id) {
		this.id = id;
	}

	/** The name used on the command line and in the API. */
	public String id() {
		return this.id;
	}

	public static Contender of(String id) {
		for (Contender contender : values()) {
			if (contender.id.equals(id)) {
				return contender;
			}
		}
		throw new IllegalArgumentException("unknown policy " + id + "; known: "
				+ Arrays.stream(values()).map(Contender::id).toList());
	}

	abstract Autoscaler create(Scenario scenario, Demand demand);

}
