package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.engine.ScalingRules.LimitType;
import io.capacitypilot.engine.ScalingRules.RateLimit;
import io.capacitypilot.engine.ScalingRules.SelectPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random groups, behaviours, histories and policies for the engine's property tests. */
final class EngineArbitraries {

	static final Instant NOW = Scenario.NOW;

	private static final List<CloudWatchQuery> METRICS = List.of(Scenario.CPU, Scenario.REQUESTS,
			new CloudWatchQuery("AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", "jobs"),
					"Average", Duration.ofMinutes(1)));

	private EngineArbitraries() {
	}

	/** What a policy's metric window holds. */
	enum Data {

		FRESH, STALE, FAILED, MISSING

	}

	/**
	 * An Auto Scaling Group and the group's own bounds.
	 * @param instanceAges minutes since launch of each instance, negative for a pending one
	 */
	record Fleet(int asgMin, int asgMax, int desired, Integer groupMin, Integer groupMax, List<Integer> instanceAges) {

		int effectiveMin() {
			return clamp((this.groupMin != null) ? this.groupMin : this.asgMin);
		}

		int effectiveMax() {
			return Math.max(effectiveMin(), clamp((this.groupMax != null) ? this.groupMax : this.asgMax));
		}

		private int clamp(int value) {
			return Math.max(this.asgMin, Math.min(this.asgMax, value));
		}

		FleetState state() {
			List<Instance> instances = new ArrayList<>();
			for (int i = 0; i < this.desired; i++) {
				int age = this.instanceAges.get(i);
				instances.add(new Instance("i-" + i, "eu-west-1a",
						(age < 0) ? LifecycleState.PENDING : LifecycleState.IN_SERVICE, true, false,
						NOW.minus(Duration.ofMinutes(Math.max(0, age)))));
			}
			return new FleetState(this.asgMin, this.asgMax, this.desired, instances, false);
		}

	}

	/** A target-tracking policy's settings and what its metric shows. */
	record Tracked(double target, double value, Data data, Double tolerance, boolean disableScaleIn,
			Integer warmupMinutes) {

		TargetTrackingPolicy policy(int index) {
			return new TargetTrackingPolicy("tt-" + index, METRICS.get(index), this.target,
					(this.warmupMinutes != null) ? Duration.ofMinutes(this.warmupMinutes) : null, this.disableScaleIn,
					this.tolerance, null);
		}

		Tracked withValue(double value) {
			return new Tracked(this.target, value, this.data, this.tolerance, this.disableScaleIn, this.warmupMinutes);
		}

	}

	static Arbitrary<Fleet> fleets() {
		Arbitrary<Integer> ages = Arbitraries.integers().between(-1, 30);
		return Combinators
			.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 60),
					Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 30).injectNull(0.4),
					Arbitraries.integers().between(0, 80).injectNull(0.4), ages.list().ofSize(71))
			.as((min, extra, offset, groupMin, groupMax, instanceAges) -> new Fleet(min, min + extra,
					min + offset % (extra + 1), groupMin, groupMax, instanceAges));
	}

	static Arbitrary<Tracked> tracked() {
		return Combinators
			.combine(Arbitraries.doubles().between(1, 100), Arbitraries.doubles().between(0, 300),
					Arbitraries.of(Data.class), Arbitraries.doubles().between(0, 0.5).injectNull(0.5),
					Arbitraries.of(true, false), Arbitraries.integers().between(0, 10).injectNull(0.5))
			.as(Tracked::new);
	}

	static Arbitrary<List<Tracked>> trackedPolicies() {
		return tracked().list().ofMinSize(1).ofMaxSize(METRICS.size());
	}

	static Arbitrary<Behavior> behaviors() {
		return Combinators.combine(rules(), rules(), Arbitraries.doubles().between(0, 0.3).injectNull(0.5))
			.as(Behavior::new);
	}

	private static Arbitrary<ScalingRules> rules() {
		Arbitrary<Duration> seconds = Arbitraries.integers().between(0, 600).map(Duration::ofSeconds);
		Arbitrary<RateLimit> limit = Combinators
			.combine(Arbitraries.of(LimitType.class), Arbitraries.integers().between(1, 100), seconds.filter(
					(period) -> !period.isZero()))
			.as(RateLimit::new);
		return Combinators
			.combine(seconds.injectNull(0.3), limit.list().ofMaxSize(2).injectNull(0.3),
					Arbitraries.of(SelectPolicy.class).injectNull(0.3), seconds.injectNull(0.5))
			.as(ScalingRules::new)
			.injectNull(0.2);
	}

	static Arbitrary<History> histories() {
		Arbitrary<Duration> age = Arbitraries.integers().between(0, 900).map(Duration::ofSeconds);
		Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 80);
		Arbitrary<History.PastRecommendation> recommendation = Combinators.combine(age, capacity)
			.as((ago, desired) -> new History.PastRecommendation(NOW.minus(ago), desired));
		Arbitrary<History.PastAction> action = Combinators.combine(age, capacity, capacity)
			.as((ago, from, to) -> new History.PastAction(NOW.minus(ago), from, to));
		return Combinators.combine(recommendation.list().ofMaxSize(10), action.list().ofMaxSize(5))
			.as(History::new);
	}

	static Arbitrary<List<LeaseFloor>> leases() {
		return Combinators
			.combine(Arbitraries.integers().between(0, 120), Arbitraries.integers().between(-10, 60))
			.as((capacity, minutes) -> new LeaseFloor("lease-" + capacity, capacity, NOW.plus(Duration.ofMinutes(minutes))))
			.list()
			.ofMaxSize(2);
	}

	/** A scheduled policy with one window, active now or not, setting any of min, max and desired. */
	static Arbitrary<ScheduledPolicy> scheduled() {
		Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 120).injectNull(0.4);
		return Combinators
			.combine(Arbitraries.integers().between(-120, 60), capacity, capacity, capacity)
			.as((startedMinutesAgo, min, max, desired) -> new ScheduledPolicy("scheduled",
					List.of(new ScheduledPolicy.Schedule(null, null, NOW.minus(Duration.ofMinutes(startedMinutesAgo)),
							Duration.ofMinutes(90), min, max, desired)),
					null));
	}

	static EvaluationInput input(Fleet fleet, Behavior behavior, List<Tracked> tracked, List<Policy> others,
			History history, List<LeaseFloor> leases) {
		List<Policy> policies = new ArrayList<>(others);
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		for (int i = 0; i < tracked.size(); i++) {
			TargetTrackingPolicy policy = tracked.get(i).policy(i);
			policies.add(policy);
			window(policy.metric(), tracked.get(i)).ifPresent((window) -> windows.put(window.query(), window));
		}
		return new EvaluationInput(new GroupSettings("web", fleet.groupMin(), fleet.groupMax(), behavior, Mode.ACTIVE),
				fleet.state(), windows, policies, history, leases, NOW);
	}

	private static Optional<MetricWindow> window(MetricQuery query, Tracked tracked) {
		return switch (tracked.data()) {
			case FRESH -> Optional.of(MetricWindow.of(query,
					List.of(new Datapoint(NOW.minus(query.period()), tracked.value())), NOW));
			case STALE -> Optional.of(MetricWindow.of(query,
					List.of(new Datapoint(NOW.minus(query.period().multipliedBy(4)), tracked.value())), NOW));
			case FAILED -> Optional.of(MetricWindow.failed(query, NOW, "throttled"));
			case MISSING -> Optional.empty();
		};
	}

}
