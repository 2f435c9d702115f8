package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What monitoring saw of the replayed fleet, step by step: the mean CPU utilization of the serving
 * instances, how many served, and the requests they served. Policies read it as datapoints of a
 * period, as they would read CloudWatch or the Kubernetes metrics API; they never see the offered
 * load itself, only what was served, which saturates at 100 % CPU when the fleet is overwhelmed.
 */
public final class Measurements {

	private final Instant start;

	private final Duration step;

	private final double capacityPerInstance;

	private final double[] utilization;

	private final int[] serving;

	private int recorded;

	/** Datapoints of complete periods by period length in steps: steps are only ever appended. */
	private final Map<Integer, List<MeasuredDatapoint>> aggregates = new HashMap<>();

	Measurements(Instant start, Duration step, int steps, double capacityPerInstance) {
		this.start = start;
		this.step = step;
		this.capacityPerInstance = capacityPerInstance;
		this.utilization = new double[steps];
		this.serving = new int[steps];
		Arrays.fill(this.utilization, Double.NaN);
	}

	/** Records the next step; a {@code NaN} utilization is a step with no data. */
	void record(int step, double utilization, int serving) {
		if (step != this.recorded) {
			throw new IllegalStateException("steps are recorded in order: expected " + this.recorded + ", got " + step);
		}
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
		List<MeasuredDatapoint> periods = aggregated(perPeriod, completeSteps / perPeriod);
		List<MeasuredDatapoint> datapoints = new ArrayList<>();
		for (int p = Math.max(0, completeSteps / perPeriod - count); p < completeSteps / perPeriod; p++) {
			if (periods.get(p) != null) {
				datapoints.add(periods.get(p));
			}
		}
		return datapoints;
	}

	/**
	 * The datapoints of the first {@code periods} periods of {@code perPeriod} steps ({@code null}
	 * where a period has no data), aggregated once: policies with long look-backs ask every minute.
	 */
	private List<MeasuredDatapoint> aggregated(int perPeriod, int periods) {
		List<MeasuredDatapoint> done = this.aggregates.computeIfAbsent(perPeriod, (key) -> new ArrayList<>());
		for (int p = done.size(); p < periods; p++) {
			done.add(aggregate(p * perPeriod, perPeriod));
		}
		return done;
	}

	private MeasuredDatapoint aggregate(int first, int steps) {
		double utilizationSum = 0;
		long servingSum = 0;
		double servedSum = 0;
		int present = 0;
		for (int i = first; i < first + steps; i++) {
			if (!Double.isNaN(this.utilization[i])) {
				utilizationSum += this.utilization[i];
				servingSum += this.serving[i];
				servedSum += this.utilization[i] / 100 * this.serving[i];
				present++;
			}
		}
		if (present == 0) {
			return null;
		}
		return new MeasuredDatapoint(this.start.plus(this.step.multipliedBy(first)), utilizationSum / present,
				(double) servingSum / present, servedSum / present * this.capacityPerInstance);
	}

	/**
	 * One datapoint as monitoring reports it.
	 *
	 * @param start the start of its period
	 * @param utilization mean CPU utilization of the serving instances, in percent
	 * @param instances how many instances served on average over the period: those that produced it
	 * @param requestsPerSecond the requests served, on average over the period
	 */
	public record MeasuredDatapoint(Instant start, double utilization, double instances, double requestsPerSecond) {

		/**
		 * The load the datapoint shows, in instances at 100 % CPU: what the ratio rules size from,
		 * never a count that includes instances still booting.
		 */
		public double measuredLoad() {
			return this.utilization / 100 * this.instances;
		}

	}

}
