package io.capacitypilot.engine;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static io.capacitypilot.engine.Scenario.CPU;
import static io.capacitypilot.engine.Scenario.serving;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target-tracking policy's {@code lookahead} over random metric series and fleets with instances
 * joining: it may add capacity for a rising trend, and changes nothing else.
 */
class LookaheadPropertyTests {

	private static final Duration WARMUP = Duration.ofMinutes(5);

	@Property
	void lookingAheadNeverAsksForFewerInstancesNorChangesAScaleIn(@ForAll("series") List<Double> values,
			@ForAll("joined") List<Integer> joinedMinutesAgo, @ForAll @IntRange(min = 1, max = 40) int serving,
			@ForAll @DoubleRange(min = 10, max = 90) double target,
			@ForAll @DoubleRange(min = 0, max = 0.2) double tolerance,
			@ForAll @IntRange(min = 1, max = 900) int lookaheadSeconds) {
		Integer measured = desired(fleet(serving, joinedMinutesAgo, values), target, tolerance, null);
		Integer ahead = desired(fleet(serving, joinedMinutesAgo, values), target, tolerance,
				Duration.ofSeconds(lookaheadSeconds));
		int current = serving + joinedMinutesAgo.size();
		assertThat(ahead).isGreaterThanOrEqualTo(measured);
		if (ahead < current) {
			assertThat(ahead).isEqualTo(measured);
		}
	}

	@Property
	void aTrendThatCrossesTheTargetWithinTheLookaheadNeverScalesIn(@ForAll @IntRange(min = 1, max = 40) int serving,
			@ForAll @DoubleRange(min = 0, max = 80) double start, @ForAll @DoubleRange(min = 0.5, max = 20) double perMinute,
			@ForAll @DoubleRange(min = 10, max = 90) double target, @ForAll @IntRange(min = 1, max = 10) int minutes) {
		double[] rising = { start, start + perMinute, start + 2 * perMinute, start + 3 * perMinute, start + 4 * perMinute };
		double latest = rising[rising.length - 1];
		// With the default 10 % tolerance, where the trend is within the lookahead.
		Assume.that(latest + perMinute * minutes > target * 1.1 + 1e-6);
		Evaluation evaluation = serving(serving).series(CPU, rising)
			.policy(new TargetTrackingPolicy("cpu", CPU, target, WARMUP, false, null, null, null,
					Duration.ofMinutes(minutes)))
			.evaluate();
		assertThat(evaluation.desired()).isGreaterThanOrEqualTo(serving);
	}

	@Provide
	Arbitrary<List<Double>> series() {
		return Arbitraries.doubles().between(0, 150).list().ofMinSize(1).ofMaxSize(8);
	}

	/** How long ago instances joined the fleet: some still in their warm-up, some past it. */
	@Provide
	Arbitrary<List<Integer>> joined() {
		return Arbitraries.integers().between(0, 10).list().ofMaxSize(6);
	}

	private static Scenario fleet(int serving, List<Integer> joinedMinutesAgo, List<Double> values) {
		Scenario scenario = serving(serving);
		joinedMinutesAgo.forEach((minutes) -> scenario.launched(Duration.ofMinutes(minutes)));
		return scenario.series(CPU, values.stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static Integer desired(Scenario scenario, double target, double tolerance, Duration lookahead) {
		return scenario
			.policy(new TargetTrackingPolicy("cpu", CPU, target, WARMUP, false, tolerance, null, null, lookahead))
			.evaluate()
			.recommendations()
			.getFirst()
			.desired();
	}

}
