package io.capacitypilot.groups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Cron;
import io.capacitypilot.engine.Forecaster;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.PredictivePolicy;
import io.capacitypilot.engine.PrometheusQuery;
import io.capacitypilot.engine.ScalingRules;
import io.capacitypilot.engine.ScheduledPolicy;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.engine.StepScalingPolicy;
import io.capacitypilot.engine.StepScalingPolicy.AdjustmentType;
import io.capacitypilot.engine.StepScalingPolicy.StepAdjustment;
import io.capacitypilot.engine.TargetTrackingPolicy;

/**
 * Checks that a group or policy definition is consistent before it is stored, and names every field
 * that is not (in its JSON path) so that a caller can fix them all at once.
 */
final class DefinitionValidator {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern CLOUDWATCH_STATISTIC = Pattern
		.compile("SampleCount|Average|Sum|Minimum|Maximum|p(\\d{1,2}(\\.\\d{1,2})?|100)");

	private static final Pattern SCRAPE_AGGREGATION = Pattern.compile("avg|sum|min|max|p(\\d{1,2}(\\.\\d{1,2})?|100)");

	// IAM role names may carry a path (role/ops/capacity-pilot) and + = , . @ _ -.
	private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

	private static final Pattern TARGET_GROUP_ARN = Pattern
		.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[^/]+/[0-9a-f]+");

	private static final Duration MIN_EVALUATION_INTERVAL = Duration.ofSeconds(1);

	private static final Duration MAX_HISTORY = Duration.ofDays(14);

	private static final Duration HOUR = Duration.ofHours(1);

	/** A trend followed further than a boot or two is a guess, not a head start. */
	private static final Duration MAX_LOOKAHEAD = Duration.ofMinutes(30);

	private final List<FieldViolation> violations = new ArrayList<>();

	private DefinitionValidator() {
	}

	static void check(ManagedGroup group) {
		DefinitionValidator validator = new DefinitionValidator();
		validator.group(group);
		validator.throwIfAny();
	}

	static void check(Policy policy) {
		DefinitionValidator validator = new DefinitionValidator();
		validator.policy(policy);
		validator.throwIfAny();
	}

	private void group(ManagedGroup group) {
		name(group.name(), "name");
		notBlank(group.autoScalingGroupName(), "autoScalingGroupName", 255);
		notBlank(group.region(), "region", 32);
		capacityRange(group.minCapacity(), group.maxCapacity(), "");
		if (required(group.evaluationInterval(), "evaluationInterval")
				&& group.evaluationInterval().compareTo(MIN_EVALUATION_INTERVAL) < 0) {
			reject("evaluationInterval", "must be at least PT1S");
		}
		required(group.mode(), "mode");
		behavior(group.behavior(), "behavior");
		actuation(group.actuation(), "actuation");
		if (group.roleArn() != null && !ROLE_ARN.matcher(group.roleArn()).matches()) {
			reject("roleArn", "must be an IAM role ARN (arn:aws:iam::123456789012:role/name)");
		}
	}

	private void actuation(Actuation actuation, String path) {
		List<Actuation.TargetGroup> targetGroups = actuation.targetGroups();
		if (actuation.controllerManaged() && targetGroups.isEmpty()) {
			reject(path + ".targetGroups", "must list at least one target group for registration controller-managed");
		}
		if (!actuation.controllerManaged() && !targetGroups.isEmpty()) {
			reject(path + ".targetGroups",
					"applies only to registration controller-managed (the ASG registers in its attached target groups)");
		}
		for (int i = 0; i < targetGroups.size(); i++) {
			Actuation.TargetGroup targetGroup = targetGroups.get(i);
			String itemPath = path + ".targetGroups[" + i + "]";
			if (targetGroup == null) {
				reject(itemPath, "must not be null");
				continue;
			}
			if (required(targetGroup.arn(), itemPath + ".arn") && !TARGET_GROUP_ARN.matcher(targetGroup.arn()).matches()) {
				reject(itemPath + ".arn", "must be an ELBv2 target group ARN (arn:aws:elasticloadbalancing:...:targetgroup/...)");
			}
			if (targetGroup.port() != null && (targetGroup.port() < 1 || targetGroup.port() > 65535)) {
				reject(itemPath + ".port", "must be between 1 and 65535");
			}
		}
		Duration drainTimeout = actuation.scaleIn().drainTimeout();
		if (drainTimeout != null && !isPositive(drainTimeout)) {
			reject(path + ".scaleIn.drainTimeout", "must be positive");
		}
	}

	private void policy(Policy policy) {
		name(policy.name(), "name");
		switch (policy) {
			case TargetTrackingPolicy target -> {
				metric(target.metric(), "metric");
				positive(target.targetValue(), "targetValue");
				notNegative(target.instanceWarmup(), "instanceWarmup");
				tolerance(target.tolerance(), "tolerance");
				notNegative(target.fallback(), "fallback");
				Duration lookahead = target.lookahead();
				if (lookahead != null && (lookahead.isNegative() || lookahead.compareTo(MAX_LOOKAHEAD) > 0)) {
					reject("lookahead", "must be between PT0S and PT30M");
				}
			}
			case StepScalingPolicy step -> step(step);
			case ScheduledPolicy scheduled -> schedules(scheduled.schedules());
			case PredictivePolicy predictive -> predictive(predictive);
		}
		behavior(policy.behavior(), "behavior");
	}

	private void step(StepScalingPolicy step) {
		metric(step.metric(), "metric");
		required(step.comparison(), "comparison");
		if (step.evaluationPeriods() < 1) {
			reject("evaluationPeriods", "must be at least 1");
		}
		if (step.datapointsToAlarm() < 1) {
			reject("datapointsToAlarm", "must be at least 1");
		}
		else if (step.datapointsToAlarm() > step.evaluationPeriods()) {
			reject("datapointsToAlarm", "must not exceed evaluationPeriods (" + step.evaluationPeriods() + ")");
		}
		required(step.adjustmentType(), "adjustmentType");
		if (step.minAdjustmentMagnitude() != null) {
			if (step.adjustmentType() != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
				reject("minAdjustmentMagnitude", "applies only to adjustmentType percent-change-in-capacity");
			}
			else if (step.minAdjustmentMagnitude() < 1) {
				reject("minAdjustmentMagnitude", "must be at least 1");
			}
		}
		notNegative(step.instanceWarmup(), "instanceWarmup");
		notNegative(step.fallback(), "fallback");
		steps(step.steps(), step.adjustmentType());
	}

	private void steps(List<StepAdjustment> steps, AdjustmentType type) {
		if (steps.isEmpty()) {
			reject("steps", "must not be empty");
			return;
		}
		for (int i = 0; i < steps.size(); i++) {
			StepAdjustment step = steps.get(i);
			if (step.lowerBound() != null && step.upperBound() != null && step.lowerBound() >= step.upperBound()) {
				reject("steps[" + i + "].upperBound", "must be greater than lowerBound");
			}
			if (type == AdjustmentType.EXACT_CAPACITY && step.adjustment() < 0) {
				reject("steps[" + i + "].adjustment", "must not be negative for exact-capacity");
			}
		}
		// Like EC2 Auto Scaling: the ranges must neither overlap nor leave a gap, so that every breach
		// has exactly one step.
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingDouble((Integer i) -> lower(steps.get(i))));
		for (int k = 1; k < order.size(); k++) {
			StepAdjustment previous = steps.get(order.get(k - 1));
			StepAdjustment next = steps.get(order.get(k));
			double previousUpper = (previous.upperBound() != null) ? previous.upperBound() : Double.POSITIVE_INFINITY;
			if (previousUpper > lower(next)) {
				reject("steps[" + order.get(k) + "].lowerBound", "overlaps steps[" + order.get(k - 1) + "]");
			}
			else if (previousUpper < lower(next)) {
				reject("steps[" + order.get(k) + "].lowerBound", "leaves a gap after steps[" + order.get(k - 1) + "]");
			}
		}
	}

	private static double lower(StepAdjustment step) {
		return (step.lowerBound() != null) ? step.lowerBound() : Double.NEGATIVE_INFINITY;
	}

	private void schedules(List<ScheduledPolicy.Schedule> schedules) {
		if (schedules.isEmpty()) {
			reject("schedules", "must not be empty");
		}
		for (int i = 0; i < schedules.size(); i++) {
			ScheduledPolicy.Schedule schedule = schedules.get(i);
			String path = "schedules[" + i + "].";
			if ((schedule.cron() == null) == (schedule.at() == null)) {
				reject(path + "cron", "exactly one of cron and at must be set");
			}
			if (schedule.cron() != null) {
				cron(schedule.cron(), path + "cron");
			}
			if (required(schedule.duration(), path + "duration") && !isPositive(schedule.duration())) {
				reject(path + "duration", "must be positive");
			}
			if (schedule.minCapacity() == null && schedule.maxCapacity() == null && schedule.desiredCapacity() == null) {
				reject(path + "desiredCapacity", "at least one of minCapacity, maxCapacity and desiredCapacity must be set");
			}
			capacityRange(schedule.minCapacity(), schedule.maxCapacity(), path);
			notNegative(schedule.desiredCapacity(), path + "desiredCapacity");
			if (schedule.desiredCapacity() != null) {
				if (schedule.minCapacity() != null && schedule.desiredCapacity() < schedule.minCapacity()) {
					reject(path + "desiredCapacity", "must not be less than minCapacity");
				}
				if (schedule.maxCapacity() != null && schedule.desiredCapacity() > schedule.maxCapacity()) {
					reject(path + "desiredCapacity", "must not be greater than maxCapacity");
				}
			}
		}
	}

	/** The engine's own parser decides: what is accepted here is what the engine can run. */
	private void cron(String expression, String path) {
		try {
			Cron.parse(expression);
		}
		catch (IllegalArgumentException ex) {
			reject(path, "is not a valid six-field cron expression: " + ex.getMessage());
		}
	}

	private void predictive(PredictivePolicy predictive) {
		metric(predictive.metric(), "metric");
		positive(predictive.targetValue(), "targetValue");
		Duration history = predictive.history();
		if (history != null && (history.compareTo(Forecaster.MINIMUM_HISTORY) < 0 || history.compareTo(MAX_HISTORY) > 0)) {
			reject("history", "must be between PT24H and P14D");
		}
		Duration preLaunch = predictive.preLaunch();
		if (preLaunch != null && (preLaunch.isNegative() || preLaunch.compareTo(Forecaster.HORIZON) > 0)) {
			reject("preLaunch", "must be between PT0S and the forecast horizon, PT48H");
		}
		Duration period = (predictive.metric() != null) ? predictive.metric().period() : null;
		if (predictive.forecastStatisticOrDefault() != PredictivePolicy.ForecastStatistic.MEAN && period != null
				&& period.compareTo(HOUR) >= 0) {
			// An hour of one datapoint has no peak within it: the statistic would be its mean.
			reject("forecastStatistic", "needs several datapoints an hour, a metric period shorter than PT1H");
		}
		if (predictive.recurring() != null) {
			recurring(predictive.recurring(), (history != null) ? history : MAX_HISTORY, period);
		}
		Integer buffer = predictive.maxCapacityBuffer();
		if (buffer != null && (buffer < 0 || buffer > 100)) {
			reject("maxCapacityBuffer", "must be between 0 and 100");
		}
		else if (buffer != null && buffer > 0
				&& predictive.maxCapacityBehavior() != PredictivePolicy.MaxCapacityBehavior.INCREASE_MAX) {
			reject("maxCapacityBuffer", "applies only to maxCapacityBehavior increase-max");
		}
	}

	private void recurring(PredictivePolicy.Recurring recurring, Duration history, Duration period) {
		if (recurring.days() < 1 || Duration.ofDays(recurring.days()).compareTo(history) > 0) {
			reject("recurring.days", "must be between 1 and the days of history, " + history.toDays());
		}
		Duration slot = recurring.slot();
		if (required(slot, "recurring.slot") && (slot.compareTo(Duration.ofMinutes(1)) < 0 || slot.compareTo(HOUR) > 0
				|| Duration.ofDays(1).toSeconds() % slot.toSeconds() != 0 || slot.toNanosPart() != 0)) {
			reject("recurring.slot", "must divide a day and be between PT1M and PT1H");
		}
		else if (slot != null && period != null && slot.compareTo(period) < 0) {
			reject("recurring.slot", "must be at least the metric's period, " + period);
		}
	}

	private void metric(MetricQuery metric, String path) {
		if (!required(metric, path)) {
			return;
		}
		if (!isPositive(metric.period())) {
			reject(path + ".period", "must be positive");
		}
		switch (metric) {
			case CloudWatchQuery cloudWatch -> {
				if (cloudWatch.expression() == null) {
					notBlank(cloudWatch.namespace(), path + ".namespace");
					notBlank(cloudWatch.metricName(), path + ".metricName");
					if (required(cloudWatch.statistic(), path + ".statistic")
							&& !CLOUDWATCH_STATISTIC.matcher(cloudWatch.statistic()).matches()) {
						reject(path + ".statistic", "must be SampleCount, Average, Sum, Minimum, Maximum or a percentile such as p90");
					}
				}
				else if (cloudWatch.expression().isBlank()) {
					reject(path + ".expression", "must not be blank");
				}
				if (cloudWatch.roleArn() != null) {
					reject(path + ".roleArn", "is not a metric's own: a metric is read through its group's roleArn");
				}
			}
			case PrometheusQuery prometheus -> notBlank(prometheus.query(), path + ".query");
			case ScrapeQuery scrape -> {
				notBlank(scrape.metricName(), path + ".metricName");
				if (!SCRAPE_AGGREGATION.matcher(scrape.aggregation()).matches()) {
					reject(path + ".aggregation", "must be avg, sum, min, max or a percentile such as p90");
				}
			}
		}
	}

	private void behavior(Behavior behavior, String path) {
		if (behavior == null) {
			return;
		}
		rules(behavior.scaleOut(), path + ".scaleOut");
		rules(behavior.scaleIn(), path + ".scaleIn");
		tolerance(behavior.tolerance(), path + ".tolerance");
	}

	private void rules(ScalingRules rules, String path) {
		if (rules == null) {
			return;
		}
		notNegative(rules.stabilizationWindow(), path + ".stabilizationWindow");
		notNegative(rules.cooldown(), path + ".cooldown");
		if (rules.rateLimits() == null) {
			return;
		}
		for (int i = 0; i < rules.rateLimits().size(); i++) {
			ScalingRules.RateLimit limit = rules.rateLimits().get(i);
			String limitPath = path + ".rateLimits[" + i + "]";
			required(limit.type(), limitPath + ".type");
			if (limit.value() < 1) {
				reject(limitPath + ".value", "must be at least 1");
			}
			if (required(limit.period(), limitPath + ".period") && !isPositive(limit.period())) {
				reject(limitPath + ".period", "must be positive");
			}
		}
	}

	private void capacityRange(Integer min, Integer max, String path) {
		notNegative(min, path + "minCapacity");
		notNegative(max, path + "maxCapacity");
		if (min != null && max != null && min > max) {
			reject(path + "minCapacity", "must not be greater than maxCapacity (" + max + ")");
		}
	}

	private void tolerance(Double tolerance, String path) {
		if (tolerance != null && !(tolerance >= 0 && tolerance < 1)) {
			reject(path, "must be at least 0 and less than 1");
		}
	}

	private void name(String name, String path) {
		if (required(name, path) && !NAME.matcher(name).matches()) {
			reject(path, "must match " + NAME.pattern());
		}
	}

	private void notBlank(String value, String path) {
		notBlank(value, path, Integer.MAX_VALUE);
	}

	private void notBlank(String value, String path, int maxLength) {
		if (required(value, path) && value.isBlank()) {
			reject(path, "must not be blank");
		}
		else if (value != null && value.length() > maxLength) {
			reject(path, "must be at most " + maxLength + " characters long");
		}
	}

	private void positive(double value, String path) {
		if (!(value > 0)) {
			reject(path, "must be positive");
		}
	}

	private void notNegative(Integer value, String path) {
		if (value != null && value < 0) {
			reject(path, "must not be negative");
		}
	}

	private void notNegative(Duration value, String path) {
		if (value != null && value.isNegative()) {
			reject(path, "must not be negative");
		}
	}

	private static boolean isPositive(Duration value) {
		return value != null && value.isPositive();
	}

	private boolean required(Object value, String path) {
		if (value == null) {
			reject(path, "must not be null");
		}
		return value != null;
	}

	private void reject(String field, String message) {
		this.violations.add(new FieldViolation(field, message));
	}

	private void throwIfAny() {
		if (!this.violations.isEmpty()) {
			throw new InvalidDefinitionException(this.violations);
		}
	}

}
