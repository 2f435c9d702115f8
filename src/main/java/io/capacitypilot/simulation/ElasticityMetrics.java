package io.capacitypilot.simulation;

import java.time.Duration;

/**
 * How well supply followed demand over a replay, in the SPEC Research Group's elasticity metrics
 * (Herbst et al., "Quantifying Cloud Performance and Dependability: Taxonomy, Metric Design, and
 * Emerging Challenges", ACM TOMPECS 3(4), 2018), with demand d and supply s in instances per step
 * of length Δt over the time T where demand is known.
 *
 * @param underProvisioning θU = 100/T · Σ max(d−s, 0)/d · Δt, in percent
 * @param overProvisioning θO = 100/T · Σ max(s−d, 0)/d · Δt, in percent
 * @param underProvisionedTime τU, the percentage of time with s &lt; d
 * @param overProvisionedTime τO, the percentage of time with s &gt; d
 * @param instability k = 100/(T−t₁) · Σ min(|sgn Δs − sgn Δd|, 1) · Δt: the percentage of time
 * (after the first step) in which supply and demand do not move the same way, as SPEC defines it,
 * so supply moving while demand holds counts, and so does demand moving without supply
 * @param instanceHours instances paid for, pending and draining included
 * @param cost instance-hours at the fleet model's price
 * @param scalingActions how many times the desired capacity changed
 * @param overloadMinutes minutes in which the load exceeded what the serving instances could serve
 * at 100 % CPU
 */
public record ElasticityMetrics(double underProvisioning, double overProvisioning, double underProvisionedTime,
		double overProvisionedTime, double instability, double instanceHours, double cost, int scalingActions,
		double overloadMinutes) {

	/** Adds up a replay step by step. */
	public static final class Accumulator {

		private final double pricePerInstanceHour;

		private double knownSeconds;

		private double underSum;

		private double overSum;

		private double underSeconds;

		private double overSeconds;

		private double pairedSeconds;

		private double unstableSeconds;

		private double billedInstanceSeconds;

		private double overloadSeconds;

		private int scalingActions;

		private int previousDemand = -1;

		private int previousSupply;

		public Accumulator(double pricePerInstanceHour) {
			this.pricePerInstanceHour = pricePerInstanceHour;
		}

		/**
		 * One step.
		 * @param demand instances needed, or a negative number when unknown (the step is billed but
		 * not scored)
		 * @param supply instances serving
		 * @param billed instances paid for
		 * @param overloaded the load exceeded the serving instances' full capacity
		 */
		public void step(Duration length, int demand, int supply, int billed, boolean overloaded) {
			double seconds = length.toMillis() / 1000.0;
			this.billedInstanceSeconds += billed * seconds;
			if (demand < 0) {
				this.previousDemand = -1;
				return;
			}
			this.knownSeconds += seconds;
			this.underSum += (double) Math.max(demand - supply, 0) / demand * seconds;
			this.overSum += (double) Math.max(supply - demand, 0) / demand * seconds;
			this.underSeconds += (supply < demand) ? seconds : 0;
			this.overSeconds += (supply > demand) ? seconds : 0;
			this.overloadSeconds += overloaded ? seconds : 0;
			if (this.previousDemand >= 0) {
				this.pairedSeconds += seconds;
				int supplyMove = Integer.signum(supply - this.previousSupply);
				int demandMove = Integer.signum(demand - this.previousDemand);
				this.unstableSeconds += Math.min(Math.abs(supplyMove - demandMove), 1) * seconds;
			}
			this.previousDemand = demand;
			this.previousSupply = supply;
		}

		public void scalingAction() {
			this.scalingActions++;
		}

		public ElasticityMetrics result() {
			double instanceHours = this.billedInstanceSeconds / 3600;
			return new ElasticityMetrics(percent(this.underSum, this.knownSeconds),
					percent(this.overSum, this.knownSeconds), percent(this.underSeconds, this.knownSeconds),
					percent(this.overSeconds, this.knownSeconds), percent(this.unstableSeconds, this.pairedSeconds),
					instanceHours, instanceHours * this.pricePerInstanceHour, this.scalingActions,
					this.overloadSeconds / 60);
		}

		private static double percent(double part, double whole) {
			return (whole > 0) ? 100 * part / whole : 0;
		}

	}

}
