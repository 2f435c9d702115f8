package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.capacitypilot.simulation.Measurements.MeasuredDatapoint;

/**
 * The reference emulation of the Kubernetes Horizontal Pod Autoscaler (autoscaling/v2) on CPU
 * utilization with its default behaviour, after the algorithm documented at
 * kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale and its replica calculator:
 * <ul>
 * <li>a sync every 15 s on the latest metrics of the ready pods;</li>
 * <li>no change while the usage ratio is within the 10 % tolerance;</li>
 * <li>scaling up, pods not yet ready count as using nothing, so the recommendation is sized from the
 * measured load ({@code ceil(utilization × ready / target)}) and is dropped if, with them counted,
 * the ratio falls back into the tolerance; scaling down, the ready pods alone are sized;</li>
 * <li>scale-down stabilization: the highest recommendation of the last 300 s wins;</li>
 * <li>default rate limits: up by at most the larger of 100 % and 4 pods per 15 s, down by up to
 * 100 % per 15 s.</li>
 * </ul>
 */
public final class KubernetesHpa implements Autoscaler {

	private static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

	private static final double TOLERANCE = 0.1;

	private static final Duration SCALE_DOWN_STABILIZATION = Duration.ofMinutes(5);

	private static final int SCALE_UP_PODS = 4;

	private final double targetUtilization;

	private final Deque<Recommendation> recommendations = new ArrayDeque<>();

	/** @param targetUtilization the target average CPU utilization in percent */
	public KubernetesHpa(double targetUtilization) {
		this.targetUtilization = targetUtilization;
	}

	@Override
	public String name() {
		return "Kubernetes HPA";
	}

	@Override
	public Duration interval() {
		return SYNC_PERIOD;
	}

	@Override
	public int decide(Observation observation) {
		int current = observation.fleet().desiredCapacity();
		List<MeasuredDatapoint> latest = observation.measurements().datapoints(SYNC_PERIOD, observation.now(), 1);
		if (latest.isEmpty() || latest.getLast().instances() == 0) {
			return current;
		}
		int recommended = recommend(latest.getLast(), current);
		return rateLimited(stabilized(recommended, current, observation.now()), current);
	}

	private int recommend(MeasuredDatapoint datapoint, int current) {
		double ratio = datapoint.utilization() / this.targetUtilization;
		if (Math.abs(ratio - 1) <= TOLERANCE) {
			return current;
		}
		if (ratio > 1) {
			double withUnready = datapoint.measuredLoad() * 100 / (this.targetUtilization * current);
			if (withUnready < 1 || Math.abs(withUnready - 1) <= TOLERANCE) {
				return current;
			}
			return (int) Math.ceil(withUnready * current);
		}
		return (int) Math.ceil(ratio * datapoint.instances());
	}

	private int stabilized(int recommended, int current, Instant now) {
		Instant horizon = now.minus(SCALE_DOWN_STABILIZATION);
		while (!this.recommendations.isEmpty() && !this.recommendations.getFirst().at().isAfter(horizon)) {
			this.recommendations.removeFirst();
		}
		this.recommendations.addLast(new Recommendation(now, recommended));
		int highest = this.recommendations.stream().mapToInt(Recommendation::replicas).max().orElse(recommended);
		// With no scale-up stabilization, the newest recommendation bounds the way up.
		return (recommended > current) ? recommended : Math.min(current, highest);
	}

	private static int rateLimited(int desired, int current) {
		int upLimit = Math.max(current * 2, current + SCALE_UP_PODS);
		return Math.min(desired, upLimit);
	}

	private record Recommendation(Instant at, int replicas) {
	}

}
