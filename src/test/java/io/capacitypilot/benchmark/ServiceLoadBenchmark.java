package io.capacitypilot.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service under load: a separate JVM (so that its memory is its own) on the embedded
 * default — simulated fleet, H2 file database in a temporary directory — with N groups registered
 * through the REST API, each with one target-tracking policy at a 15 s interval. After a warm-up it
 * measures the control loop (evaluation and tick duration, evaluations per group per minute), the
 * service's memory (heap after a full GC, RSS, threads and the pools they belong to), the REST API's
 * latency at several concurrencies, and the live feed with many clients. A benchmark, not a test: it
 * prints figures for docs/performance.md.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmark test-compile exec:exec \
 *     -Dbenchmark.main=io.capacitypilot.benchmark.ServiceLoadBenchmark -Djmh.args="1000 180 120"
 * </pre>
 *
 * Arguments: groups, warm-up seconds, control-loop measurement seconds, and optionally the
 * service's JVM options (default {@code -Xmx768m}, what the Helm chart's 1 GiB limit gives with
 * {@code MaxRAMPercentage=75}). The service runs on the classpath this main runs on, without the
 * test classes.
 */
public final class ServiceLoadBenchmark {

	private static final Duration INTERVAL = Duration.ofSeconds(15);

	private static final int[] CONCURRENCIES = { 1, 16, 64 };

	private static final Duration API_RUN = Duration.ofSeconds(10);

	private static final int FEED_CLIENTS = 200;

	private static final Duration IDLE = Duration.ofSeconds(75);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final Process service;

	private ServiceLoadBenchmark(String base, Process service) {
		this.base = base;
		this.service = service;
	}

	public static void main(String[] args) throws Exception {
		int groups = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		Duration warmUp = Duration.ofSeconds((args.length > 1) ? Long.parseLong(args[1]) : 180);
		Duration measured = Duration.ofSeconds((args.length > 2) ? Long.parseLong(args[2]) : 120);
		List<String> jvmOptions = (args.length > 3) ? Arrays.asList(args).subList(3, args.length) : List.of("-Xmx768m");
		Path work = Files.createTempDirectory("loadbench");
		int port = freePort();
		Process service = start(work, port, jvmOptions);
		try {
			ServiceLoadBenchmark benchmark = new ServiceLoadBenchmark("http://localhost:" + port, service);
			benchmark.run(groups, warmUp, measured, jvmOptions);
		}
		finally {
			service.destroy();
			service.waitFor();
		}
	}

	private void run(int groups, Duration warmUp, Duration measured, List<String> jvmOptions) throws Exception {
		awaitHealthy();
		System.out.printf("service pid %d, JVM %s, %d cores%n", this.service.pid(), jvmOptions,
				Runtime.getRuntime().availableProcessors());
		printMemory("idle, no group");
		long started = System.nanoTime();
		register(groups);
		System.out.printf("registered %d groups in %.1f s%n", groups, (System.nanoTime() - started) / 1e9);
		Thread.sleep(warmUp);
		printMemory("after %s warm-up".formatted(warmUp));
		measureControlLoop(groups, measured);
		printMemory("after the control-loop measurement");
		measureApi(groups);
		printMemory("after the API load");
		measureLiveFeed();
		printMemory("at the end");
		// Tomcat ends a worker thread that has been idle for its maxIdleTime (60 s).
		Thread.sleep(IDLE);
		printMemory("after %s idle".formatted(IDLE));
	}

	private static Process start(Path work, int port, List<String> jvmOptions) throws IOException {
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> arguments = new ArrayList<>(jvmOptions);
		arguments.addAll(List.of("-cp", classpath, "io.capacitypilot.CapacityPilotApplication", "--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:file:" + work.resolve("db")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--capacitypilot.sim.demo-group=false", "--logging.level.root=WARN"));
		// An argument file keeps the command line short: the classpath alone is tens of kilobytes.
		Path argumentFile = Files.write(work.resolve("jvm.args"),
				arguments.stream().map((argument) -> "\"" + argument.replace("\\", "\\\\") + "\"").toList());
		System.out.println("service log: " + work.resolve("service.log"));
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argumentFile)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("service.log").toFile())
			.start();
	}

	private void awaitHealthy() throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(180);
		while (Instant.now().isBefore(deadline)) {
			if (!this.service.isAlive()) {
				throw new IllegalStateException("the service exited with " + this.service.exitValue());
			}
			try {
				if (send("GET", "/actuator/health", null) == 200) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// Not listening yet.
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the service did not become healthy in 3 minutes");
	}

	private void register(int groups) throws InterruptedException {
		forEachConcurrently(groups, 16, (i) -> {
			String name = groupName(i);
			expect(201, send("POST", "/api/v1/groups", """
					{"name":"%s","autoScalingGroupName":"%s","region":"sim","evaluationInterval":"%s","mode":"active"}
					""".formatted(name, name, INTERVAL)));
			expect(201, send("POST", "/api/v1/groups/" + name + "/policies", """
					{"name":"cpu","type":"target-tracking","targetValue":70,"metric":{"source":"cloudwatch",
					"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":{"AutoScalingGroupName":"%s"},
					"statistic":"Average","period":"PT1M"}}
					""".formatted(name)));
		});
	}

	private void measureControlLoop(int groups, Duration measured) throws InterruptedException {
		Meter evaluations = meter("capacitypilot.evaluation.duration", null);
		Meter ticks = meter("tasks.scheduled.execution", "code.function:scheduledTick");
		Thread.sleep(measured);
		Meter evaluationsAfter = meter("capacitypilot.evaluation.duration", null);
		Meter ticksAfter = meter("tasks.scheduled.execution", "code.function:scheduledTick");
		double count = evaluationsAfter.count() - evaluations.count();
		double expected = groups * (double) measured.toSeconds() / INTERVAL.toSeconds();
		System.out.printf("control loop over %s: %.0f evaluations (%.2f per group per minute, expected %.2f: %.0f %%)%n",
				measured, count, count / groups / (measured.toSeconds() / 60.0), 60.0 / INTERVAL.toSeconds(),
				100 * count / expected);
		System.out.printf("  evaluation: mean %.2f ms, max %.1f ms (max of the last 2 minutes)%n",
				1000 * (evaluationsAfter.totalSeconds() - evaluations.totalSeconds()) / count,
				1000 * evaluationsAfter.maxSeconds());
		if (ticksAfter != null && ticks != null) {
			double tickCount = ticksAfter.count() - ticks.count();
			System.out.printf("  tick: %.0f ticks, mean %.1f ms, max %.1f ms%n", tickCount,
					1000 * (ticksAfter.totalSeconds() - ticks.totalSeconds()) / tickCount, 1000 * ticksAfter.maxSeconds());
		}
	}

	private void measureApi(int groups) throws InterruptedException {
		System.out.printf("%-44s %5s %9s %9s %9s %9s %10s%n", "request", "conc.", "p50 ms", "p95 ms", "p99 ms",
				"max ms", "req/s");
		for (int concurrency : CONCURRENCIES) {
			load("GET /api/v1/groups", concurrency, () -> expect(200, send("GET", "/api/v1/groups", null)));
			load("GET /api/v1/groups/{name}", concurrency,
					() -> expect(200, send("GET", "/api/v1/groups/" + randomGroup(groups), null)));
			load("GET /api/v1/groups/{name}/decisions", concurrency,
					() -> expect(200, send("GET", "/api/v1/groups/" + randomGroup(groups) + "/decisions", null)));
			load("POST + DELETE /api/v1/groups/{name}/leases", concurrency, () -> {
				String path = "/api/v1/groups/" + randomGroup(groups) + "/leases";
				HttpResponse<String> created = exchange("POST", path, """
						{"capacity":1,"ttl":"PT10M","reason":"load benchmark"}""");
				expect(201, created.statusCode());
				String id = json.readTree(created.body()).get("id").asString();
				expect(200, send("DELETE", path + "/" + id, null));
			});
			load("GET /actuator/prometheus", concurrency, () -> expect(200, send("GET", "/actuator/prometheus", null)));
		}
	}

	private void load(String label, int concurrency, Request request) throws InterruptedException {
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		// A short warm-up of the endpoint at this concurrency, then the measured run.
		for (Duration run : List.of(Duration.ofSeconds(2), API_RUN)) {
			latencies.clear();
			long end = System.nanoTime() + run.toNanos();
			forEachConcurrently(concurrency, concurrency, (worker) -> {
				while (System.nanoTime() < end) {
					long start = System.nanoTime();
					request.send();
					latencies.add(System.nanoTime() - start);
				}
			});
		}
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		System.out.printf("%-44s %5d %9.1f %9.1f %9.1f %9.1f %10.0f%n", label, concurrency, percentile(sorted, 50),
				percentile(sorted, 95), percentile(sorted, 99), sorted.getLast() / 1e6,
				sorted.size() / (double) API_RUN.toSeconds());
	}

	/**
	 * {@value #FEED_CLIENTS} clients on the live feed: the memory they cost, and the delay from a
	 * decision's evaluation to its event reaching a client (which includes the evaluation itself).
	 */
	private void measureLiveFeed() throws Exception {
		long heapBefore = heapAfterGc();
		long rssBefore = procStatus("VmRSS");
		ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
		AtomicInteger connected = new AtomicInteger();
		List<HttpResponse<InputStream>> streams = Collections.synchronizedList(new ArrayList<>());
		ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
		Pattern evaluatedAt = Pattern.compile("\"evaluatedAt\":\"([^\"]+)\"");
		for (int i = 0; i < FEED_CLIENTS; i++) {
			readers.submit(() -> {
				HttpResponse<InputStream> response = this.http.send(
						HttpRequest.newBuilder(URI.create(this.base + "/api/v1/events")).build(), BodyHandlers.ofInputStream());
				streams.add(response);
				connected.incrementAndGet();
				try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body()))) {
					String line;
					boolean decision = false;
					while ((line = reader.readLine()) != null) {
						if (line.startsWith("event:")) {
							decision = line.substring(6).trim().equals("decision");
						}
						else if (decision && line.startsWith("data:")) {
							Matcher matcher = evaluatedAt.matcher(line);
							if (matcher.find()) {
								delays.add(Duration.between(Instant.parse(matcher.group(1)), Instant.now()).toMillis());
							}
						}
					}
				}
				return null;
			});
		}
		while (connected.get() < FEED_CLIENTS) {
			Thread.sleep(100);
		}
		System.out.println("  threads by name, the streams just opened: " + threadsByName());
		Thread.sleep(Duration.ofSeconds(30));
		long heapWith = heapAfterGc();
		long rssWith = procStatus("VmRSS");
		long threads = procStatus("Threads");
		int size = get("/actuator/prometheus").length();
		System.out.printf("/actuator/prometheus: %.1f KB a scrape%n", size / 1e3);
		List<Long> sorted = new ArrayList<>(delays);
		Collections.sort(sorted);
		System.out.printf("live feed, %d clients for 30 s: %d decision events received; delay evaluatedAt -> client: "
				+ "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", FEED_CLIENTS, sorted.size(),
				sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)),
				sorted.get((int) (sorted.size() * 0.99)), sorted.getLast());
		System.out.printf("  heap after GC %+.1f MB (%.1f KB a client), RSS %+.1f MB, threads %d%n",
				(heapWith - heapBefore) / 1e6, (heapWith - heapBefore) / 1e3 / FEED_CLIENTS, (rssWith - rssBefore) / 1e6,
				threads);
		System.out.println("  threads by name, the streams open for 30 s: " + threadsByName());
		streams.forEach((stream) -> {
			try {
				stream.body().close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		});
		readers.shutdownNow();
	}

	private void printMemory(String when) throws IOException, InterruptedException {
		long heap = heapAfterGc();
		JsonNode committed = json.readTree(get("/actuator/metrics/jvm.memory.committed?tag=area:heap"));
		System.out.printf("memory %s: heap after full GC %.1f MB (committed %.1f MB), RSS %.1f MB, threads %d%n", when,
				heap / 1e6, committed.get("measurements").get(0).get("value").asDouble() / 1e6, procStatus("VmRSS") / 1e6,
				procStatus("Threads"));
		System.out.println("  threads by name: " + threadsByName());
	}

	/**
	 * The service's platform threads from a thread dump, counted by name with the numbers taken out
	 * ({@code http-nio-N-exec-N}): which pool holds them.
	 */
	private String threadsByName() throws IOException, InterruptedException {
		Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.service.pid()), "Thread.print")
			.redirectErrorStream(true)
			.start();
		Pattern name = Pattern.compile("^\"(.*)\"");
		Map<String, Long> counts;
		try (BufferedReader lines = dump.inputReader()) {
			counts = lines.lines()
				.map(name::matcher)
				.filter(Matcher::find)
				.collect(Collectors.groupingBy((matcher) -> matcher.group(1).replaceAll("\\d+", "N"), TreeMap::new,
						Collectors.counting()));
		}
		dump.waitFor();
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	/** Heap used right after a full collection, as the service's own metric reports it. */
	private long heapAfterGc() throws IOException, InterruptedException {
		Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.service.pid()), "GC.run")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		gc.waitFor();
		JsonNode heap = json.readTree(get("/actuator/metrics/jvm.memory.used?tag=area:heap"));
		return heap.get("measurements").get(0).get("value").asLong();
	}

	/**
	 * A value of {@code /proc/<pid>/status}, sizes in bytes: the kernel's "kB" are KiB, and read as
	 * 1,000 bytes they would understate RSS by 2.4 % next to a limit in GiB.
	 */
	private long procStatus(String key) throws IOException {
		String[] value = Files.readAllLines(Path.of("/proc", Long.toString(this.service.pid()), "status"))
			.stream()
			.filter((line) -> line.startsWith(key + ":"))
			.map((line) -> line.substring(key.length() + 1).trim().split("\\s+"))
			.findFirst()
			.orElseThrow();
		return Long.parseLong(value[0]) * ((value.length > 1 && value[1].equals("kB")) ? 1024 : 1);
	}

	private Meter meter(String name, String tag) {
		HttpResponse<String> response = exchange("GET",
				"/actuator/metrics/" + name + ((tag != null) ? "?tag=" + tag : ""), null);
		if (response.statusCode() != 200) {
			return null;
		}
		double count = 0;
		double total = 0;
		double max = 0;
		for (JsonNode measurement : json.readTree(response.body()).get("measurements")) {
			switch (measurement.get("statistic").asString()) {
				case "COUNT" -> count = measurement.get("value").asDouble();
				case "TOTAL_TIME" -> total = measurement.get("value").asDouble();
				case "MAX" -> max = measurement.get("value").asDouble();
				default -> {
				}
			}
		}
		return new Meter(count, total, max);
	}

	private String get(String path) {
		HttpResponse<String> response = exchange("GET", path, null);
		expect(200, response.statusCode());
		return response.body();
	}

	private int send(String method, String path, String body) {
		return exchange(method, path, body).statusCode();
	}

	private HttpResponse<String> exchange(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(60));
		if (body != null) {
			request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
		}
		else {
			request.method(method, BodyPublishers.noBody());
		}
		try {
			return this.http.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void forEachConcurrently(int count, int concurrency, Task task) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> workers = IntStream.range(0, concurrency)
				.<Future<?>>mapToObj((worker) -> executor.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						task.run(i);
					}
					return null;
				}))
				.toList();
			for (Future<?> worker : workers) {
				try {
					worker.get();
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
	}

	private static void expect(int status, int actual) {
		if (actual != status) {
			throw new IllegalStateException("expected HTTP " + status + ", got " + actual);
		}
	}

	private static double percentile(List<Long> sorted, int percentile) {
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
	}

	private static String groupName(int index) {
		return "load-%05d".formatted(index);
	}

	private static String randomGroup(int groups) {
		return groupName(ThreadLocalRandom.current().nextInt(groups));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@FunctionalInterface
	private interface Task {

		void run(int index) throws Exception;

	}

	@FunctionalInterface
	private interface Request {

		void send() throws Exception;

	}

	private record Meter(double count, double totalSeconds, double maxSeconds) {
	}

}
