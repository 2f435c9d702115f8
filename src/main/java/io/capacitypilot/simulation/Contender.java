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
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.PredictivePolicy;
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
			return engine("Capacity Pilot engine", List.of(targetTracking(scenario)));
		}
	},

	/**
	 * The production engine with target tracking for safety and a predictive policy that launches
	 * ahead of the forecast requests: the candidate default policy set.
	 */
	ENGINE_PREDICTIVE("engine-predictive") {
		@Override
		Autoscaler create(Scenario scenario, Demand demand) {
			CloudWatchQuery requests = new CloudWatchQuery("AWS/EC2", "RequestCount", GROUP, "Sum", Duration.ofHours(1));
			double requestsPerInstanceHour = scenario.fleet().capacityPerInstance() * scenario.targetPercent() / 100
					* 3600;
			PredictivePolicy predictive = new PredictivePolicy("forecast", requests, requestsPerInstanceHour,
					Duration.ofDays(14), scenario.fleet().bootTime().longest(), false,
					PredictivePolicy.MaxCapacityBehavior.HONOR_MAX, null, null);
			return engine("Capacity Pilot engine + predictive", List.of(targetTracking(scenario), predictive));
		}
	};

	private static final Map<String, String> GROUP = Map.of("AutoScalingGroupName", "replay");

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

	private static TargetTrackingPolicy targetTracking(Scenario scenario) {
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", GROUP, "Average", Duration.ofMinutes(1));
		return new TargetTrackingPolicy("cpu-" + Math.round(scenario.targetPercent()), cpu, scenario.targetPercent(),
				scenario.warmup(), false, null, null);
	}

	private static Autoscaler engine(String name, List<Policy> policies) {
		return new EngineAutoscaler(name, new DefaultScalingEngine(),
				new GroupSettings("replay", null, null, Behavior.NONE, Mode.ACTIVE), policies, Duration.ofMinutes(1));
	}

}
