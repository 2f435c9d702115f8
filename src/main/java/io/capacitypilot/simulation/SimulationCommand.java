package io.capacitypilot.simulation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
			  --predictive-target P CPU the engine-predictive row's forecast is sized at (default: --target)
			  --warmup D            AWS target tracking's instance warm-up (default 300s)
			  --min N --max N       group bounds (default 1 and 10000)
			  --price USD           per instance-hour (default 0.096, m5.large on-demand in us-east-1)
			  --load-scale X        multiply every rate (default 1)
			  --time-scale X        stretch the trace's time, 0.5 = twice as fast (default 1)
			  --step D              replay step (default 15s, the HPA's sync period)
			  --seed N              seed of the boot-time draws (default 1)
			  --policies A,B        some of oracle, static-peak, static-mean, aws-target-tracking,
			                        kubernetes-hpa, engine, engine-predictive, engine-lookahead, recommended
			                        (default: all)
			durations: 180s, 3m, 1h or ISO-8601 (PT3M)""";

	private SimulationCommand() {
	}

	private static final Set<String> OPTIONS = Set.of("trace", "from", "to", "capacity", "boot", "drain", "target",
			"demand-at", "predictive-target", "warmup", "min", "max", "price", "load-scale", "time-scale", "step",
			"seed", "policies", "help");

	public static void main(String[] args) {
		try {
			Map<String, String> options = parse(args);
			if (options.containsKey("help") || !options.containsKey("trace")) {
				System.out.println(USAGE);
				return;
			}
			long started = System.nanoTime();
			Scenario scenario = scenario(options);
			List<ReplayResult> results = scenario.compare(contenders(options), null);
			print(System.out, scenario, results, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (RuntimeException ex) {
			// A mistyped option or an unreadable trace deserves a message, not a stack trace.
			System.err.println("error: " + ex.getMessage());
			System.exit(2);
		}
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
			}
			String name = args[i].substring(2);
			if (!OPTIONS.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
			}
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

	/** Prints a Markdown table, so that it can be pasted into the documentation as it is. */
	static void print(PrintStream out, Scenario scenario, List<ReplayResult> rows, Duration took) {
		out.printf(Locale.ROOT, "%s%n%n", scenario.describe());
		out.printf(Locale.ROOT, "| %-34s | %6s | %7s | %6s | %6s | %13s | %10s | %9s | %8s | %7s | %12s |%n", "policy",
				"θU %", "θO %", "τU %", "τO %", "instability %", "instance-h", "vs oracle", "cost USD", "actions",
				"overload min");
		out.printf(Locale.ROOT, "|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%n", "-".repeat(36), "-".repeat(7),
				"-".repeat(8), "-".repeat(7), "-".repeat(7), "-".repeat(14), "-".repeat(11), "-".repeat(10),
				"-".repeat(9), "-".repeat(8), "-".repeat(13));
		double oracleHours = rows.stream()
			.filter((row) -> row.policy().equals("oracle"))
			.mapToDouble((row) -> row.metrics().instanceHours())
			.findFirst()
			.orElse(Double.NaN);
		for (ReplayResult row : rows) {
			ElasticityMetrics m = row.metrics();
			out.printf(Locale.ROOT,
					"| %-34s | %6.2f | %7.2f | %6.2f | %6.2f | %13.2f | %10.1f | %9s | %8.2f | %7d | %12.1f |%n",
					row.policy(), m.underProvisioning(), m.overProvisioning(), m.underProvisionedTime(),
					m.overProvisionedTime(), m.instability(), m.instanceHours(),
					Double.isNaN(oracleHours) ? "n/a"
							: String.format(Locale.ROOT, "%+.1f%%", 100 * (m.instanceHours() / oracleHours - 1)),
					m.cost(), m.scalingActions(), m.overloadMinutes());
		}
		out.printf(Locale.ROOT, "%n%d policies replayed in %.1f s%n", rows.size(), took.toMillis() / 1000.0);
	}

	static Scenario scenario(Map<String, String> options) {
		Path file = Path.of(options.get("trace"));
		String boot = options.get("boot");
		int range = (boot != null) ? boot.indexOf("..") : -1;
		ScenarioSpec spec = new ScenarioSpec(instant(options.get("from")), instant(options.get("to")),
				decimal(options.get("load-scale")), decimal(options.get("time-scale")),
				decimal(options.get("capacity")), duration((range < 0) ? boot : boot.substring(0, range)),
				(range < 0) ? null : duration(boot.substring(range + 2)), duration(options.get("drain")),
				integer(options.get("min")), integer(options.get("max")), decimal(options.get("price")),
				decimal(options.get("target")), decimal(options.get("demand-at")),
				decimal(options.get("predictive-target")), duration(options.get("warmup")),
				duration(options.get("step")), (options.get("seed") != null) ? Long.valueOf(options.get("seed")) : null);
		return spec.toScenario(file.getFileName().toString(), TraceReader.read(file));
	}

	static List<Contender> contenders(Map<String, String> options) {
		if (!options.containsKey("policies")) {
			return List.of(Contender.values());
		}
		return Arrays.stream(options.get("policies").split(",")).map(String::strip).map(Contender::of).toList();
	}

	static Instant instant(String value) {
		if (value == null) {
			return null;
		}
		return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	static Duration duration(String value) {
		if (value == null) {
			return null;
		}
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

	private static Double decimal(String value) {
		return (value != null) ? Double.valueOf(value) : null;
	}

	private static Integer integer(String value) {
		return (value != null) ? Integer.valueOf(value) : null;
	}

}
