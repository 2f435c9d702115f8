package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.EngineArbitraries.Data;
import io.capacitypilot.engine.EngineArbitraries.Fleet;
import io.capacitypilot.engine.EngineArbitraries.Tracked;
import io.capacitypilot.engine.ScalingRules.LimitType;
import io.capacitypilot.engine.ScalingRules.RateLimit;
import io.capacitypilot.engine.ScalingRules.SelectPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's invariants, over random groups, policies, behaviours and histories. */
class EnginePropertyTests {

	private final ScalingEngine engine = new DefaultScalingEngine();

	@Property
	void theResultIsAlwaysWithinTheGroupsBounds(@ForAll("fleets") Fleet fleet, @ForAll("behaviors") Behavior behavior,
			@ForAll("trackedPolicies") List<Tracked> tracked, @ForAll("histories") History history) {
		Evaluation evaluation = this.engine
			.evaluate(EngineArbitraries.input(fleet, behavior, tracked, List.of(), history, List.of()));
		assertThat(evaluation.desired()).isBetween(fleet.effectiveMin(), fleet.effectiveMax());
	}

	@Property
	void floorsAndScheduledWindowsNeverLeaveTheAsgsBounds(@ForAll("fleets") Fleet fleet,
			@ForAll("behaviors") Behavior behavior, @ForAll("trackedPolicies") List<Tracked> tracked,
			@ForAll("histories") History history, @ForAll("scheduled") ScheduledPolicy scheduled,
			@ForAll("leases") List<LeaseFloor> leases) {
		Evaluation evaluation = this.engine
			.evaluate(EngineArbitraries.input(fleet, behavior, tracked, List.of(scheduled), history, leases));
		assertThat(evaluation.desired()).isBetween(fleet.asgMin(), fleet.asgMax());
	}

	@Property
	void neverAScaleInWhileAnyPolicysDataIsMissingFailedOrStale(@ForAll("fleets") Fleet fleet,
			@ForAll("behaviors") Behavior behavior, @ForAll("trackedPolicies") List<Tracked> tracked,
			@ForAll("histories") History history) {
		Assume.that(tracked.stream().anyMatch((policy) -> policy.data() != Data.FRESH));
		// Only a capacity above the bounds may, and must, come down.
		Assume.that(fleet.desired() <= fleet.effectiveMax());
		Evaluation evaluation = this.engine
			.evaluate(EngineArbitraries.input(fleet, behavior, tracked, List.of(), history, List.of()));
		assertThat(evaluation.desired()).isGreaterThanOrEqualTo(fleet.desired());
	}

	@Property
	void moreLoadNeverYieldsFewerInstances(@ForAll("fleets") Fleet fleet, @ForAll("behaviors") Behavior behavior,
			@ForAll("tracked") Tracked tracked, @ForAll("histories") History history,
			@ForAll @DoubleRange(min = 0, max = 300) double load, @ForAll @DoubleRange(min = 0, max = 300) double more) {
		Tracked fresh = new Tracked(tracked.target(), 0, Data.FRESH, tracked.tolerance(), false,
				tracked.warmupMinutes());
		Evaluation lower = this.engine.evaluate(EngineArbitraries.input(fleet, behavior,
				List.of(fresh.withValue(Math.min(load, more))), List.of(), history, List.of()));
		Evaluation higher = this.engine.evaluate(EngineArbitraries.input(fleet, behavior,
				List.of(fresh.withValue(Math.max(load, more))), List.of(), history, List.of()));
		assertThat(lower.recommendations().getFirst().desired())
			.isLessThanOrEqualTo(higher.recommendations().getFirst().desired());
		assertThat(lower.desired()).isLessThanOrEqualTo(higher.desired());
	}

	/**
	 * Runs the engine tick after tick on a random load, feeding its own decisions back as history
	 * (as the control loop does), and checks every decision against the limits it was given.
	 */
	@Property(tries = 300)
	void rateLimitsAndStabilizationWindowsHoldOverAnySequenceOfTicks(@ForAll("limits") Limits limits,
			@ForAll("ticks") List<Tick> ticks) {
		List<History.PastRecommendation> recommendations = new ArrayList<>();
		List<History.PastAction> actions = new ArrayList<>();
		Instant now = EngineArbitraries.NOW;
		int capacity = 10;
		for (Tick tick : ticks) {
			now = now.plusSeconds(tick.gapSeconds());
			Evaluation evaluation = this.engine.evaluate(tickInput(limits, capacity, tick.cpu(), now,
					new History(recommendations, actions)));
			if (evaluation.combined() != null) {
				recommendations.add(new History.PastRecommendation(now, evaluation.combined()));
			}
			if (evaluation.desired() > capacity) {
				assertThat(evaluation.desired()).isLessThanOrEqualTo(lowest(recommendations, limits.outWindow(), now));
			}
			if (evaluation.desired() < capacity) {
				assertThat(evaluation.desired()).isGreaterThanOrEqualTo(highest(recommendations, limits.inWindow(), now));
			}
			if (evaluation.desired() != capacity) {
				actions.add(new History.PastAction(now, capacity, evaluation.desired()));
				capacity = evaluation.desired();
			}
			for (RateLimit limit : limits.out()) {
				assertThat(moved(actions, limit.period(), now, true)).isLessThanOrEqualTo(limit.value());
			}
			for (RateLimit limit : limits.in()) {
				assertThat(moved(actions, limit.period(), now, false)).isLessThanOrEqualTo(limit.value());
			}
		}
	}

	private static EvaluationInput tickInput(Limits limits, int capacity, double cpu, Instant now, History history) {
		Behavior behavior = new Behavior(
				new ScalingRules(limits.outWindow(), limits.out(), SelectPolicy.MIN, Duration.ZERO),
				new ScalingRules(limits.inWindow(), limits.in(), SelectPolicy.MIN, Duration.ZERO), null);
		List<Instance> instances = new ArrayList<>();
		for (int i = 0; i < capacity; i++) {
			instances.add(new Instance("i-" + i, "eu-west-1a", LifecycleState.IN_SERVICE, true, false,
					EngineArbitraries.NOW.minus(Duration.ofDays(1))));
		}
		MetricWindow window = MetricWindow.of(Scenario.CPU,
				List.of(new Datapoint(now.minus(Duration.ofMinutes(1)), cpu)), now);
		return new EvaluationInput(new GroupSettings("web", null, null, behavior, Mode.ACTIVE),
				new FleetState(0, 200, capacity, instances, false), Map.of(Scenario.CPU, window),
				List.of(Scenario.cpuAt(50)), history, List.of(), now);
	}

	private static int lowest(List<History.PastRecommendation> recommendations, Duration window, Instant now) {
		return recommendations.stream()
			.filter((past) -> past.at().equals(now) || (past.at().isAfter(now.minus(window))))
			.mapToInt(History.PastRecommendation::desired)
			.min()
			.orElseThrow();
	}

	private static int highest(List<History.PastRecommendation> recommendations, Duration window, Instant now) {
		return recommendations.stream()
			.filter((past) -> past.at().equals(now) || (past.at().isAfter(now.minus(window))))
			.mapToInt(History.PastRecommendation::desired)
			.max()
			.orElseThrow();
	}

	/** Instances added (or removed) in {@code (now - period, now]}. */
	private static int moved(List<History.PastAction> actions, Duration period, Instant now, boolean out) {
		return actions.stream()
			.filter((action) -> action.at().isAfter(now.minus(period)))
			.mapToInt((action) -> out ? Math.max(0, action.to() - action.from()) : Math.max(0, action.from() - action.to()))
			.sum();
	}

	/** Instance-count rate limits (all must hold: they are selected with {@code min}) and windows. */
	record Limits(List<RateLimit> out, List<RateLimit> in, Duration outWindow, Duration inWindow) {
	}

	record Tick(int gapSeconds, double cpu) {
	}

	@Provide
	Arbitrary<Limits> limits() {
		Arbitrary<RateLimit> limit = Combinators
			.combine(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(15, 600))
			.as((value, seconds) -> new RateLimit(LimitType.INSTANCES, value, Duration.ofSeconds(seconds)));
		Arbitrary<Duration> window = Arbitraries.integers().between(0, 600).map(Duration::ofSeconds);
		return Combinators.combine(limit.list().ofMaxSize(2), limit.list().ofMaxSize(2), window, window)
			.as(Limits::new);
	}

	@Provide
	Arbitrary<List<Tick>> ticks() {
		return Combinators
			.combine(Arbitraries.integers().between(5, 120), Arbitraries.doubles().between(0, 250))
			.as(Tick::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(80);
	}

	@Provide
	Arbitrary<Fleet> fleets() {
		return EngineArbitraries.fleets();
	}

	@Provide
	Arbitrary<Behavior> behaviors() {
		return EngineArbitraries.behaviors();
	}

	@Provide
	Arbitrary<Tracked> tracked() {
		return EngineArbitraries.tracked();
	}

	@Provide
	Arbitrary<List<Tracked>> trackedPolicies() {
		return EngineArbitraries.trackedPolicies();
	}

	@Provide
	Arbitrary<History> histories() {
		return EngineArbitraries.histories();
	}

	@Provide
	Arbitrary<ScheduledPolicy> scheduled() {
		return EngineArbitraries.scheduled();
	}

	@Provide
	Arbitrary<List<LeaseFloor>> leases() {
		return EngineArbitraries.leases();
	}

}
