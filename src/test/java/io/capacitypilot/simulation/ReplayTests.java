package io.capacitypilot.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.EvaluationInput;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.TraceReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReplayTests {

	private static final Instant START = Instant.parse("1998-06-10T00:00:00Z");

	private static final Duration STEP = Duration.ofSeconds(15);

	/** Boot times drawn between 60 s and 240 s. */
	private static final FleetModel FLEET = new FleetModel(100, new BootTime(Duration.ofSeconds(60),
			Duration.ofSeconds(240)), Duration.ofSeconds(30), 1, 1000, 0.1);

	private static LoadTrace worldCupDay;

	@BeforeAll
	static void readTrace() throws IOException {
		try (InputStream in = new ClassPathResource("traces/worldcup98/wc98_requests_per_minute.csv").getInputStream()) {
			worldCupDay = TraceReader.read(in, "worldcup98").between(START, START.plus(Duration.ofDays(1)));
		}
	}

	@Test
	void theOracleNeverUnderProvisions() {
		Replay replay = new Replay(worldCupDay, FLEET, 0.7, STEP, 7);

		ElasticityMetrics oracle = replay.run(new Oracle(replay.demand(), FLEET.bootTime().longest()));

		assertThat(oracle.underProvisioning()).isZero();
		assertThat(oracle.underProvisionedTime()).isZero();
		assertThat(oracle.scalingActions()).isPositive();
	}

	@Test
	void staticPeakCapacityIsNeverShort() {
		Replay replay = new Replay(worldCupDay, FLEET, 0.7, STEP, 7);

		ElasticityMetrics peak = replay.run(StaticCapacity.peak(replay.demand()));

		assertThat(peak.underProvisionedTime()).isZero();
		assertThat(peak.scalingActions()).isZero();
		assertThat(peak.instanceHours()).isCloseTo(replay.demand().peak() * 24.0, within(1e-6));
	}

	@Test
	void theOracleIsTheCheapestPolicyThatNeverFallsShort() {
		Replay replay = new Replay(worldCupDay, FLEET, 1, STEP, 7);

		ElasticityMetrics oracle = replay.run(new Oracle(replay.demand(), FLEET.bootTime().longest()));
		ElasticityMetrics aws = replay.run(new AwsTargetTracking(70, Duration.ofMinutes(5)));
		ElasticityMetrics hpa = replay.run(new KubernetesHpa(70));

		assertThat(oracle.instanceHours()).isLessThan(aws.instanceHours()).isLessThan(hpa.instanceHours());
	}

	@Test
	void theSameSeedGivesTheSameResult() {
		ElasticityMetrics first = new Replay(worldCupDay, FLEET, 0.7, STEP, 42)
			.run(new AwsTargetTracking(70, Duration.ofMinutes(5)));
		ElasticityMetrics second = new Replay(worldCupDay, FLEET, 0.7, STEP, 42)
			.run(new AwsTargetTracking(70, Duration.ofMinutes(5)));

		assertThat(second).isEqualTo(first);
	}

	@Test
	void theRecommendedSetRunsHotterThanTheReferencesWithoutFallingShortMore() throws IOException {
		LoadTrace twoDays;
		try (InputStream in = new ClassPathResource("traces/worldcup98/wc98_requests_per_minute.csv").getInputStream()) {
			twoDays = TraceReader.read(in, "worldcup98").between(START, START.plus(Duration.ofDays(2)));
		}
		Scenario scenario = new Scenario("worldcup98", twoDays, FLEET, 70, 100, 70, Duration.ofMinutes(5), STEP, 7);

		List<ReplayResult> results = scenario.compare(
				List.of(Contender.AWS_TARGET_TRACKING, Contender.ENGINE, Contender.RECOMMENDED), null);
		ElasticityMetrics aws = results.get(0).metrics();
		ElasticityMetrics engine = results.get(1).metrics();
		ElasticityMetrics recommended = results.get(2).metrics();

		assertThat(recommended.instanceHours()).isLessThan(engine.instanceHours()).isLessThan(aws.instanceHours());
		assertThat(recommended.underProvisioning()).isLessThanOrEqualTo(aws.underProvisioning());
	}

	@Test
	void runsTheProductionEngineOnWhatMonitoringSaw() {
		// 100 req/s for ten minutes, then 300: at 100 req/s per instance and a 50 % target, 2 then 6.
		double[] rates = new double[20];
		Arrays.fill(rates, 0, 10, 100);
		Arrays.fill(rates, 10, 20, 300);
		LoadTrace step = LoadTrace.of(START, Duration.ofMinutes(1), rates);
		FleetModel fleet = new FleetModel(100, BootTime.fixed(Duration.ofSeconds(60)), Duration.ZERO, 1, 20, 0.1);
		List<EvaluationInput> inputs = new ArrayList<>();
		ScalingEngine production = new DefaultScalingEngine();
		ScalingEngine recording = (input) -> {
			inputs.add(input);
			return production.evaluate(input);
		};
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", "g"),
				"Average", Duration.ofMinutes(1));
		EngineAutoscaler engine = new EngineAutoscaler("engine", recording,
				new GroupSettings("g", null, null, Behavior.NONE, Mode.ACTIVE),
				List.of(new TargetTrackingPolicy("cpu-50", cpu, 50, Duration.ofMinutes(1), false, null, null, null)),
				Duration.ofMinutes(1));

		ElasticityMetrics metrics = new Replay(step, fleet, 0.5, STEP, 1).run(engine);

		assertThat(inputs).hasSize(20);
		MetricWindow atLoadChange = inputs.get(11).windows().get(cpu);
		assertThat(atLoadChange.latest()).get()
			.satisfies((datapoint) -> assertThat(datapoint.value()).isCloseTo(100, within(1e-9)));
		assertThat(inputs.get(11).fleet().desiredCapacity()).isEqualTo(2);
		assertThat(inputs.getLast().fleet().desiredCapacity()).as("300 req/s at 50 %% of 100 needs 6").isGreaterThanOrEqualTo(6);
		assertThat(metrics.scalingActions()).isPositive();
	}

	@Test
	void lookingAheadOneBootFallsShortLessOnARamp() {
		// 100 more req/s every minute for 20 minutes: sized from the measured load, a fleet with
		// 3-minute boots is always a boot behind; looking ahead along the trend, it launches for
		// where the load will be.
		double[] rates = new double[40];
		for (int minute = 0; minute < rates.length; minute++) {
			rates[minute] = 200 + 100 * Math.min(minute, 20);
		}
		LoadTrace ramp = LoadTrace.of(START, Duration.ofMinutes(1), rates);
		FleetModel fleet = new FleetModel(100, BootTime.fixed(Duration.ofMinutes(3)), Duration.ZERO, 1, 100, 0.1);
		Replay replay = new Replay(ramp, fleet, 1, STEP, 1);

		ElasticityMetrics measured = replay.run(cpuAt80(null));
		ElasticityMetrics ahead = replay.run(cpuAt80(Duration.ofMinutes(3)));

		assertThat(measured.underProvisioning()).isPositive();
		assertThat(ahead.underProvisioning()).isLessThan(measured.underProvisioning());
		assertThat(ahead.overloadMinutes()).isLessThan(measured.overloadMinutes());
	}

	private static EngineAutoscaler cpuAt80(Duration lookahead) {
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", "g"),
				"Average", Duration.ofMinutes(1));
		return new EngineAutoscaler("engine", new DefaultScalingEngine(),
				new GroupSettings("g", null, null, Behavior.NONE, Mode.ACTIVE),
				List.of(new TargetTrackingPolicy("cpu-80", cpu, 80, Duration.ofMinutes(5), false, 0.0, null, null,
						lookahead)),
				Duration.ofMinutes(1));
	}

	@Test
	void answersTheEngineTheRequestsServedNotTheRequestsOffered() {
		// 300 req/s offered to 2 instances of 100: 200 served, 12,000 a minute.
		LoadTrace overload = LoadTrace.of(START, Duration.ofMinutes(1), 300, 300, 300);
		FleetModel fleet = new FleetModel(100, BootTime.fixed(Duration.ofMinutes(10)), Duration.ZERO, 2, 2, 0.1);
		CloudWatchQuery requests = new CloudWatchQuery("AWS/EC2", "RequestCount", Map.of("AutoScalingGroupName", "g"),
				"Sum", Duration.ofMinutes(1));
		List<EvaluationInput> inputs = new ArrayList<>();
		ScalingEngine production = new DefaultScalingEngine();
		EngineAutoscaler engine = new EngineAutoscaler("engine", (input) -> {
			inputs.add(input);
			return production.evaluate(input);
		}, new GroupSettings("g", null, null, Behavior.NONE, Mode.ACTIVE),
				List.of(new TargetTrackingPolicy("requests", requests, 6000, Duration.ZERO, false, null, null, null)),
				Duration.ofMinutes(1));

		new Replay(overload, fleet, 1, STEP, 1).run(engine);

		assertThat(inputs.get(2).windows().get(requests).datapoints()).extracting(Datapoint::value)
			.containsExactly(12_000.0, 12_000.0);
	}

	@Test
	void demandIsTheFewestInstancesServingTheLoadAtTheUtilization() {
		LoadTrace trace = LoadTrace.of(START, Duration.ofMinutes(1), 140, 141, 0);
		Demand demand = new Replay(trace, FLEET, 0.7, Duration.ofMinutes(1), 1).demand();

		assertThat(demand.instances(0)).isEqualTo(2);
		assertThat(demand.instances(1)).isEqualTo(3);
		assertThat(demand.instances(2)).as("a service needs at least one instance").isEqualTo(1);
	}

}
