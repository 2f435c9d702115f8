package io.capacitypilot.groups;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonSubTypes.Type;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Direction;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.PredictivePolicy;
import io.capacitypilot.engine.PrometheusQuery;
import io.capacitypilot.engine.ScalingRules;
import io.capacitypilot.engine.ScheduledPolicy;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.engine.StepScalingPolicy;
import io.capacitypilot.engine.TargetTrackingPolicy;
import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.annotation.EnumNaming;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of policies and behaviours: the REST API speaks it (through {@link #module()},
 * registered with the application's mapper) and the database stores it, so the two cannot drift.
 * The engine's records stay free of Jackson; the mapping is attached to them here as mix-ins.
 */
public final class PolicyJson {

	private static final List<Class<? extends Enum<?>>> KEBAB_CASE_ENUMS = List.of(Mode.class, Direction.class,
			LifecycleState.class, ScalingRules.LimitType.class, ScalingRules.SelectPolicy.class,
			StepScalingPolicy.Comparison.class, StepScalingPolicy.AdjustmentType.class,
			PredictivePolicy.MaxCapacityBehavior.class);

	/** Independent of the application's mapper settings: what is stored must read back the same. */
	private static final JsonMapper STORAGE = JsonMapper.builder()
		.addModule(module())
		.disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private PolicyJson() {
	}

	/** Policy types by {@code type}, metric queries by {@code source}, engine enums in lower-kebab case. */
	public static JacksonModule module() {
		SimpleModule module = new SimpleModule("capacity-pilot-policies");
		module.setMixInAnnotation(Policy.class, PolicyMixIn.class);
		module.setMixInAnnotation(MetricQuery.class, MetricQueryMixIn.class);
		for (Class<? extends Enum<?>> type : KEBAB_CASE_ENUMS) {
			module.setMixInAnnotation(type, KebabCaseMixIn.class);
		}
		return module;
	}

	/** The {@code type} a policy has in its JSON form. */
	public static String typeOf(Policy policy) {
		return switch (policy) {
			case TargetTrackingPolicy ignored -> "target-tracking";
			case StepScalingPolicy ignored -> "step";
			case ScheduledPolicy ignored -> "scheduled";
			case PredictivePolicy ignored -> "predictive";
		};
	}

	/** The same policy under another name, whatever its type. */
	public static Policy withName(Policy policy, String name) {
		ObjectNode json = (ObjectNode) STORAGE.readTree(write(policy));
		json.put("name", name);
		return STORAGE.treeToValue(json, Policy.class);
	}

	static String write(Policy policy) {
		return STORAGE.writerFor(Policy.class).writeValueAsString(policy);
	}

	static Policy readPolicy(String json) {
		return STORAGE.readValue(json, Policy.class);
	}

	static String write(Behavior behavior) {
		return (behavior != null) ? STORAGE.writeValueAsString(behavior) : null;
	}

	static Behavior readBehavior(String json) {
		return (json != null) ? STORAGE.readValue(json, Behavior.class) : Behavior.NONE;
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @Type(value = TargetTrackingPolicy.class, name = "target-tracking"),
			@Type(value = StepScalingPolicy.class, name = "step"),
			@Type(value = ScheduledPolicy.class, name = "scheduled"),
			@Type(value = PredictivePolicy.class, name = "predictive") })
	private interface PolicyMixIn {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "source")
	@JsonSubTypes({ @Type(value = CloudWatchQuery.class, name = "cloudwatch"),
			@Type(value = PrometheusQuery.class, name = "prometheus"),
			@Type(value = ScrapeQuery.class, name = "scrape") })
	private interface MetricQueryMixIn {

	}

	@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
	private abstract static class KebabCaseMixIn {

	}

}
