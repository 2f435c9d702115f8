package io.capacitypilot.metrics.prometheus;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) scraping the given targets every
 * second, started in a temporary directory on a free loopback port.
 */
final class PrometheusServer implements AutoCloseable {

	static final String MISSING = "the prometheus binary is not on the PATH: apt-get install -y prometheus";

	private final Process process;

	private final Path directory;

	private final URI url;

	private final HttpClient client = HttpClient.newHttpClient();

	private PrometheusServer(Process process, Path directory, URI url) {
		this.process = process;
		this.directory = directory;
		this.url = url;
	}

	/**
	 * Skips the calling test class when the binary is missing, except when {@code CI} is set: a CI
	 * run without Prometheus is a broken CI run ({@code .ci/run} installs it), not a pass.
	 */
	static void assumeInstalled() {
		String path = System.getenv().getOrDefault("PATH", "");
		boolean installed = List.of(path.split(File.pathSeparator))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "prometheus")));
		if (!installed) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(MISSING);
			}
			Assumptions.abort(MISSING);
		}
	}

	/**
	 * Starts Prometheus scraping {@code host:port} targets at {@code metricsPath} and waits until it
	 * has scraped each of them successfully.
	 */
	static PrometheusServer start(String metricsPath, List<String> targets) throws IOException {
		Path directory = Files.createTempDirectory("prometheus");
		String config = """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: app
				    metrics_path: %s
				    static_configs:
				      - targets: [%s]
				""".formatted(metricsPath,
				targets.stream().map((target) -> "'" + target + "'").collect(Collectors.joining(", ")));
		Path configFile = Files.writeString(directory.resolve("prometheus.yml"), config);
		int port = freePort();
		Process process = new ProcessBuilder("prometheus", "--config.file=" + configFile,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, directory, URI.create("http://127.0.0.1:" + port));
		try {
			server.awaitTargetsUp(targets.size());
		}
		catch (RuntimeException ex) {
			String log = Files.readString(directory.resolve("prometheus.log"));
			server.close();
			throw new IllegalStateException("Prometheus did not scrape its targets; its log:\n" + log, ex);
		}
		return server;
	}

	URI url() {
		return this.url;
	}

	/**
	 * Waits until {@code query} has a value at the current second. A target reported up has been
	 * scraped, but its sample may be stamped later than the whole second that a step-aligned range
	 * query ends on, so a tick right after {@link #start} could still see no data.
	 */
	void awaitValueNow(String query) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
			long second = Instant.now().getEpochSecond();
			String result = get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time="
					+ second);
			return result.contains("\"value\":[");
		});
	}

	private void awaitTargetsUp(int count) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("prometheus exited with " + this.process.exitValue());
			}
			String targets = get("/api/v1/targets?state=active");
			return countOf(targets, "\"health\":\"up\"") == count;
		});
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.url.resolve(path)).timeout(Duration.ofSeconds(2)).build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		this.client.close();
		FileSystemUtils.deleteRecursively(this.directory);
	}

}
