package io.capacitypilot.groups;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
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
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of policies, behaviours and actuation settings: the REST API speaks it (through {@link #module()},
 * registered with the application's mapper) and the database stores it, so the two cannot drift.
 * The engine's records stay free of Jackson; the mapping is attached to them here as mix-ins.
 */
public final class PolicyJson {

	private static final List<Class<? extends Enum<?>>> KEBAB_CASE_ENUMS = List.of(Mode.class, Direction.class,
			LifecycleState.class, ScalingRules.LimitType.class, ScalingRules.SelectPolicy.class,
			StepScalingPolicy.Comparison.class, StepScalingPolicy.AdjustmentType.class,
			PredictivePolicy.MaxCapacityBehavior.class, PredictivePolicy.ForecastStatistic.class);

	private static final Map<Class<? extends Policy>, String> POLICY_TYPES = Map.of(TargetTrackingPolicy.class,
			"target-tracking", StepScalingPolicy.class, "step", ScheduledPolicy.class, "scheduled",
			PredictivePolicy.class, "predictive");

	private static final Map<Class<? extends MetricQuery>, String> METRIC_SOURCES = Map.of(CloudWatchQuery.class,
			"cloudwatch", PrometheusQuery.class, "prometheus", ScrapeQuery.class, "scrape");

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
		POLICY_TYPES.forEach((type, name) -> module.registerSubtypes(new NamedType(type, name)));
		METRIC_SOURCES.forEach((type, name) -> module.registerSubtypes(new NamedType(type, name)));
		module.setMixInAnnotation(TargetTrackingPolicy.class, DisableScaleInOptional.class);
		module.setMixInAnnotation(PredictivePolicy.class, ForecastOnlyOptional.class);
		module.setMixInAnnotation(StepScalingPolicy.class, StepsRequired.class);
		module.setMixInAnnotation(ScheduledPolicy.class, SchedulesRequired.class);
		module.setMixInAnnotation(CloudWatchQuery.class, CloudWatchQueryMixIn.class);
		module.setMixInAnnotation(PrometheusQuery.class, QueryAndPeriodRequired.class);
		module.setMixInAnnotation(ScrapeQuery.class, MetricNameAndPeriodRequired.class);
		for (Class<? extends Enum<?>> type : KEBAB_CASE_ENUMS) {
			module.setMixInAnnotation(type, KebabCaseMixIn.class);
		}
		return module;
	}

	/** The {@code type} a policy has in its JSON form. */
	public static String typeOf(Policy policy) {
		return POLICY_TYPES.get(policy.getClass());
	}

	/** Each policy record with its {@code type} name. */
	public static Map<Class<? extends Policy>, String> policyTypes() {
		return POLICY_TYPES;
	}

	/** Each metric query record with its {@code source} name. */
	public static Map<Class<? extends MetricQuery>, String> metricSources() {
		return METRIC_SOURCES;
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

	/**
	 * A stored policy as its group evaluates it: a metric that does not say where it is read is read
	 * where the group is — a scrape query from the group's own instances, a CloudWatch metric from the
	 * group's region (as it is now, should the group move), and through the group's IAM role when the
	 * group is in another account.
	 */
	static Policy readPolicy(String json, String groupName, String region, String roleArn) {
		ObjectNode policy = (ObjectNode) STORAGE.readTree(json);
		if (policy.get("metric") instanceof ObjectNode metric) {
			String source = metric.path("source").asString();
			if ("scrape".equals(source) && !metric.hasNonNull("group")) {
				metric.put("group", groupName);
			}
			else if ("cloudwatch".equals(source)) {
				if (!metric.hasNonNull("region") && region != null) {
					metric.put("region", region);
				}
				// Always the group's: a metric cannot name a role of its own (see DefinitionValidator).
				metric.put("roleArn", roleArn);
			}
		}
		return STORAGE.treeToValue(policy, Policy.class);
	}

	static String write(Behavior behavior) {
		return (behavior != null) ? STORAGE.writeValueAsString(behavior) : null;
	}

	static Behavior readBehavior(String json) {
		return (json != null) ? STORAGE.readValue(json, Behavior.class) : Behavior.NONE;
	}

	static String write(Actuation actuation) {
		return STORAGE.writeValueAsString(actuation);
	}

	static Actuation readActuation(String json) {
		return (json != null) ? STORAGE.readValue(json, Actuation.class) : Actuation.DEFAULT;
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	private interface PolicyMixIn {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "source")
	private interface MetricQueryMixIn {

	}

	// Jackson 3 refuses a missing primitive by default, which suits the required numbers; these two
	// switches are optional and off when absent.

	private interface DisableScaleInOptional {

		@JsonSetter(nulls = Nulls.AS_EMPTY)
		Object disableScaleIn();

	}

	private interface ForecastOnlyOptional {

		@JsonSetter(nulls = Nulls.AS_EMPTY)
		Object forecastOnly();

	}

	// The engine's records refuse these as null: asking for them here turns a missing one into an
	// error that names the property instead of a failed constructor.

	private interface StepsRequired {

		@JsonProperty(required = true)
		Object steps();

	}

	private interface SchedulesRequired {

		@JsonProperty(required = true)
		Object schedules();

	}

	private interface PeriodRequired {

		@JsonProperty(required = true)
		Object period();

	}

	private interface CloudWatchQueryMixIn extends PeriodRequired {

		// Bound from the group when read, never part of a policy's own JSON.
		@JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
		Object roleArn();

	}

	private interface QueryAndPeriodRequired extends PeriodRequired {

		@JsonProperty(required = true)
		Object query();

	}

	private interface MetricNameAndPeriodRequired extends PeriodRequired {

		@JsonProperty(required = true)
		Object metricName();

	}

	@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
	private abstract static class KebabCaseMixIn {

	}

}
