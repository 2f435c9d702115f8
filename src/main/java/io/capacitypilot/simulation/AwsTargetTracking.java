package io.capacitypilot.simulation;

import java.time.Duration;
import java.util.List;

import io.capacitypilot.engine.Instance;
import io.capacitypilot.simulation.Measurements.MeasuredDatapoint;

/**
 * The reference emulation of an EC2 Auto Scaling target-tracking policy on average CPU utilization,
 * as AWS documents it ("Target tracking scaling policies for Amazon EC2 Auto Scaling", and the two
 * CloudWatch alarms such a policy creates):
 * <ul>
 * <li>one-minute datapoints (detailed monitoring), evaluated every minute;</li>
 * <li>scale out when the high alarm is in ALARM: the last 3 of 3 datapoints above the target
 * (Auto Scaling repeats the action every minute while the alarm stays in ALARM);</li>
 * <li>scale in when the low alarm is: the last 15 of 15 datapoints below 90 % of the target (the
 * threshold of the low alarm AWS creates, as CloudWatch shows it; the documentation only says that
 * target tracking "scales in more gradually"), and never while an instance is still in its
 * warm-up;</li>
 * <li>the new capacity is proportional, sized from the measured load (utilization × the instances
 * that produced the datapoint): {@code ceil(measured / target)}. A scale-out never lowers the
 * desired capacity, so instances still warming up are not launched twice for the same load;</li>
 * <li>a missing datapoint breaks the run of 3 or 15 (the alarms treat missing data as missing).</li>
 * </ul>
 */
public final class AwsTargetTracking implements Autoscaler {

	private static final Duration PERIOD = Duration.ofMinutes(1);

	private static final int SCALE_OUT_DATAPOINTS = 3;

	private static final int SCALE_IN_DATAPOINTS = 15;

	private static final double SCALE_IN_THRESHOLD = 0.9;

	private final double targetUtilization;

	private final Duration instanceWarmup;

	/**
	 * @param targetUtilization the target CPU utilization in percent
	 * @param instanceWarmup the default instance warm-up (AWS: 300 s)
	 */
	public AwsTargetTracking(double targetUtilization, Duration instanceWarmup) {
		this.targetUtilization = targetUtilization;
		this.instanceWarmup = instanceWarmup;
	}

	@Override
	public String name() {
		return "AWS target tracking";
	}

	@Override
	public Duration interval() {
		return PERIOD;
	}

	@Override
	public int decide(Observation observation) {
		int current = observation.fleet().desiredCapacity();
		List<MeasuredDatapoint> recent = observation.measurements()
			.datapoints(PERIOD, observation.now(), SCALE_IN_DATAPOINTS);
		if (recent.isEmpty() || !recent.getLast().start().plus(PERIOD).equals(observation.now())) {
			return current;
		}
		int proportional = (int) Math.ceil(recent.getLast().measuredLoad() * 100 / this.targetUtilization);
		if (allOf(recent, SCALE_OUT_DATAPOINTS, this.targetUtilization, true)) {
			return Math.max(current, proportional);
		}
		if (allOf(recent, SCALE_IN_DATAPOINTS, this.targetUtilization * SCALE_IN_THRESHOLD, false)
				&& !warmingUp(observation)) {
			return Math.min(current, Math.max(1, proportional));
		}
		return current;
	}

	/** Whether the last {@code count} periods all have a datapoint beyond the threshold. */
	private static boolean allOf(List<MeasuredDatapoint> recent, int count, double threshold, boolean above) {
		if (recent.size() < count) {
			return false;
		}
		List<MeasuredDatapoint> last = recent.subList(recent.size() - count, recent.size());
		boolean contiguous = last.getFirst().start().plus(PERIOD.multipliedBy(count - 1)).equals(last.getLast().start());
		return contiguous && last.stream()
			.allMatch((datapoint) -> above ? datapoint.utilization() > threshold : datapoint.utilization() < threshold);
	}

	private boolean warmingUp(Observation observation) {
		return observation.fleet()
			.instances()
			.stream()
			.filter((instance) -> instance.lifecycle().countsTowardCapacity())
			.map(Instance::launchTime)
			.anyMatch((launched) -> launched.plus(this.instanceWarmup).isAfter(observation.now()));
	}

}
