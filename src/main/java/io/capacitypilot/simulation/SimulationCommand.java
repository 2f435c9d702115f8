package io.capacitypilot.simulation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.TraceReader;

/**
 * Replays a trace file through every reference policy and the production engine and prints one
 * comparison table. Spring-free, so it runs straight from the compiled classes:
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.capacitypilot.simulation.SimulationCommand \
 *     -Dexec.args="--trace wc98.csv --from 1998-06-10 --to 1998-06-24"
 * </pre>
 *
 * Run it with {@code --help} for the options.
 */
public final class SimulationCommand {

	private static final String USAGE = """
			usage: SimulationCommand --trace FILE [options]
			  --trace FILE          CSV with timestamp_seconds,requests_per_second[,valid]
			  --from DATE|INSTANT   replay from (e.g. 1998-06-10 or 1998-06-10T12:00:00Z); default: trace start
			  --to DATE|INSTANT     replay until, exclusive; default: trace end
			  --capacity N          requests/s one instance serves at 100 % CPU (default 100)
			  --boot D[..D]         launch to in service, fixed or uniform between two (default 180s)
			  --drain D             a removed instance is paid for this long (default 0s)
			  --target PERCENT      the policies' target CPU utilization (default 70)
			  --demand-at PERCENT   demand = instances to serve the load at this CPU (default 100: serve it all)
			  --warmup D            AWS target tracking's instance warm-up (default 300s)
			  --min N --max N       group bounds (default 1 and 10000)
			  --price USD           per instance-hour (default 0.096, m5.large on-demand in us-east-1)
			  --load-scale X        multiply every rate (default 1)
			  --time-scale X        stretch the trace's time, 0.5 = twice as fast (default 1)
			  --step D              replay step (default 15s, the HPA's sync period)
			  --seed N              seed of the boot-time draws (default 1)
			durations: 180s, 3m, 1h or ISO-8601 (PT3M)""";

	private SimulationCommand() {
	}

	public static void main(String[] args) {
		Map<String, String> options = parse(args);
		if (options.containsKey("help") || !options.containsKey("trace")) {
			System.out.println(USAGE);
			return;
		}
		long started = System.nanoTime();
		Scenario scenario = Scenario.of(options);
		List<Row> rows = scenario.compare();
		print(System.out, scenario, rows, Duration.ofNanos(System.nanoTime() - started));
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
			}
			String name = args[i].substring(2);
			if (name.equals("help")) {
				options.put(name, "");
			}
			else if (i + 1 < args.length) {
				options.put(name, args[++i]);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
		}
		return options;
	}

	static void print(PrintStream out, Scenario scenario, List<Row> rows, Duration took) {
		out.printf(Locale.ROOT, "%s%n%n", scenario.describe());
		out.printf(Locale.ROOT, "| %-24s | %7s | %7s | %7s | %7s | %11s | %11s | %10s | %7s | %9s |%n", "policy", "θU %",
				"θO %", "τU %", "τO %", "instability %", "instance-h", "cost USD", "actions", "overload min");
		out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(26), "-".repeat(9), "-".repeat(9),
				"-".repeat(9), "-".repeat(9), "-".repeat(15), "-".repeat(12), "-".repeat(12), "-".repeat(9),
				"-".repeat(14));
		for (Row row : rows) {
			ElasticityMetrics m = row.metrics();
			out.printf(Locale.ROOT, "| %-24s | %7.2f | %7.2f | %7.2f | %7.2f | %13.2f | %11.1f | %10.2f | %7d | %12.1f |%n",
					row.policy(), m.underProvisioning(), m.overProvisioning(), m.underProvisionedTime(),
					m.overProvisionedTime(), m.instability(), m.instanceHours(), m.cost(), m.scalingActions(),
					m.overloadMinutes());
		}
		out.printf(Locale.ROOT, "%n%d policies replayed in %.1f s%n", rows.size(), took.toMillis() / 1000.0);
	}

	/** One row of the comparison. */
	record Row(String policy, ElasticityMetrics metrics) {
	}

	/** A trace, a fleet model and the policies to compare on them. */
	record Scenario(Path file, LoadTrace trace, FleetModel fleet, double targetPercent, double demandPercent,
			Duration warmup, Duration step, long seed) {

		static Scenario of(Map<String, String> options) {
			Path file = Path.of(options.get("trace"));
			LoadTrace trace = TraceReader.read(file)
				.scaled(Double.parseDouble(options.getOrDefault("time-scale", "1")),
						Double.parseDouble(options.getOrDefault("load-scale", "1")));
			Instant from = options.containsKey("from") ? instant(options.get("from")) : trace.start();
			Instant to = options.containsKey("to") ? instant(options.get("to")) : trace.end();
			FleetModel fleet = new FleetModel(Double.parseDouble(options.getOrDefault("capacity", "100")),
					bootTime(options.getOrDefault("boot", "180s")), duration(options.getOrDefault("drain", "0s")),
					Integer.parseInt(options.getOrDefault("min", "1")),
					Integer.parseInt(options.getOrDefault("max", "10000")),
					Double.parseDouble(options.getOrDefault("price", "0.096")));
			return new Scenario(file, trace.between(from, to), fleet,
					Double.parseDouble(options.getOrDefault("target", "70")),
					Double.parseDouble(options.getOrDefault("demand-at", "100")),
					duration(options.getOrDefault("warmup", "300s")), duration(options.getOrDefault("step", "15s")),
					Long.parseLong(options.getOrDefault("seed", "1")));
		}

		List<Row> compare() {
			Replay replay = new Replay(this.trace, this.fleet, this.demandPercent / 100, this.step, this.seed);
			List<Autoscaler> autoscalers = List.of(new Oracle(replay.demand(), this.fleet.bootTime().longest()),
					StaticCapacity.peak(replay.demand()), StaticCapacity.mean(replay.demand()),
					new AwsTargetTracking(this.targetPercent, this.warmup), new KubernetesHpa(this.targetPercent),
					engineTargetTracking());
			List<Row> rows = new ArrayList<>();
			for (Autoscaler autoscaler : autoscalers) {
				rows.add(new Row(autoscaler.name(), replay.run(autoscaler)));
			}
			return rows;
		}

		/** The production engine with one target-tracking policy on the same target. */
		private Autoscaler engineTargetTracking() {
			CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
					Map.of("AutoScalingGroupName", "replay"), "Average", Duration.ofMinutes(1));
			TargetTrackingPolicy policy = new TargetTrackingPolicy("cpu-" + (int) this.targetPercent, cpu,
					this.targetPercent, this.warmup, false, null, null);
			return new EngineAutoscaler("Capacity Pilot engine", new DefaultScalingEngine(),
					new GroupSettings("replay", null, null, Behavior.NONE, Mode.ACTIVE), List.of(policy),
					Duration.ofMinutes(1));
		}

		String describe() {
			return String.format(Locale.ROOT,
					"trace %s, %s to %s (%d samples of %d s)%nfleet: %.0f req/s per instance at 100 %% CPU, boot %s, "
							+ "drain %d s, %d–%d instances, %.4f USD per instance-hour%n"
							+ "demand: instances to serve the load at ≤ %.0f %% CPU; policies target %.0f %% CPU; step %d s; seed %d",
					this.file.getFileName(), this.trace.start(), this.trace.end(), this.trace.size(),
					this.trace.step().toSeconds(), this.fleet.capacityPerInstance(), this.fleet.bootTime(),
					this.fleet.drainTime().toSeconds(), this.fleet.minInstances(), this.fleet.maxInstances(),
					this.fleet.pricePerInstanceHour(), this.demandPercent, this.targetPercent, this.step.toSeconds(), this.seed);
		}

	}

	static Instant instant(String value) {
		return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	static BootTime bootTime(String value) {
		int range = value.indexOf("..");
		return (range < 0) ? BootTime.fixed(duration(value))
				: new BootTime(duration(value.substring(0, range)), duration(value.substring(range + 2)));
	}

	static Duration duration(String value) {
		if (value.startsWith("P") || value.startsWith("p")) {
			return Duration.parse(value);
		}
		long amount = Long.parseLong(value.substring(0, value.length() - 1));
		return switch (value.charAt(value.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException("not a duration: " + value + " (use 180s, 3m, 1h or PT3M)");
		};
	}

}
