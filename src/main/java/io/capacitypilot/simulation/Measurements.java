package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What monitoring saw of the replayed fleet, step by step: the mean CPU utilization of the serving
 * instances and how many served. Policies read it as datapoints of a period, as they would read
 * CloudWatch or the Kubernetes metrics API; they never see the load itself, only utilization, which
 * saturates at 100 % when the fleet is overwhelmed.
 */
public final class Measurements {

	private final Instant start;

	private final Duration step;

	private final double[] utilization;

	private final int[] serving;

	private int recorded;

	Measurements(Instant start, Duration step, int steps) {
		this.start = start;
		this.step = step;
		this.utilization = new double[steps];
		this.serving = new int[steps];
		Arrays.fill(this.utilization, Double.NaN);
	}

	/** Records one step; a {@code NaN} utilization is a step with no data. */
	void record(int step, double utilization, int serving) {
		this.utilization[step] = utilization;
		this.serving[step] = serving;
		this.recorded = step + 1;
	}

	/**
	 * The datapoints of the last {@code count} complete periods before {@code now}, oldest first;
	 * a period with no data at all has no datapoint, so fewer may come back. Periods are aligned to
	 * the start of the replay.
	 */
	public List<MeasuredDatapoint> datapoints(Duration period, Instant now, int count) {
		int perPeriod = (int) Math.max(1, period.toMillis() / this.step.toMillis());
		int completeSteps = Math.min(this.recorded,
				(int) (Duration.between(this.start, now).toMillis() / this.step.toMillis()));
		int lastPeriod = completeSteps / perPeriod - 1;
		List<MeasuredDatapoint> datapoints = new ArrayList<>();
		for (int p = Math.max(0, lastPeriod - count + 1); p <= lastPeriod; p++) {
			double utilizationSum = 0;
			long servingSum = 0;
			int present = 0;
			for (int i = p * perPeriod; i < (p + 1) * perPeriod; i++) {
				if (!Double.isNaN(this.utilization[i])) {
					utilizationSum += this.utilization[i];
					servingSum += this.serving[i];
					present++;
				}
			}
			if (present > 0) {
				datapoints.add(new MeasuredDatapoint(this.start.plus(this.step.multipliedBy((long) p * perPeriod)),
						utilizationSum / present, (double) servingSum / present));
			}
		}
		return datapoints;
	}

	/**
	 * One datapoint as monitoring reports it.
	 *
	 * @param start the start of its period
	 * @param utilization mean CPU utilization of the serving instances, in percent
	 * @param instances how many instances served on average over the period: those that produced it
	 */
	public record MeasuredDatapoint(Instant start, double utilization, double instances) {

		/**
		 * The load the datapoint shows, in instances at 100 % CPU: what the ratio rules size from,
		 * never a count that includes instances still booting.
		 */
		public double measuredLoad() {
			return this.utilization / 100 * this.instances;
		}

	}

}
