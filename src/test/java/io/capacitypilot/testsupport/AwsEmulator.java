package io.capacitypilot.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsProperties;
import io.capacitypilot.aws.AwsCallMetrics;
import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.aws.AwsSdkProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The AWS emulator every AWS test in this JVM talks to, decided once and before any Spring context
 * loads (brief §6), in this order:
 * <ol>
 * <li>{@code AWS_TEST_ENDPOINT}, when set: an emulator someone already runs (moto or LocalStack);</li>
 * <li>where Docker runs, a Testcontainers container: LocalStack when {@code LOCALSTACK_AUTH_TOKEN} is
 * set (Auto Scaling and ELBv2 are in its paid image only; {@code LOCALSTACK_IMAGE} overrides the
 * image), else the {@code motoserver/moto} image;</li>
 * <li>a {@code moto_server} process started on a free loopback port (preinstalled on CI, so
 * {@code ./mvnw verify} needs no set-up);</li>
 * <li>otherwise the test class is skipped with a message that says how to get an emulator, except
 * when {@code CI} is set: a CI run without an emulator is a broken CI run, not a pass.</li>
 * </ol>
 *
 * <p>Plain SDK tests annotate the class with {@link AwsEmulatorTest} and build clients with
 * {@link #configure(AwsClientBuilder)}. A {@code @SpringBootTest} adds the annotation too (so the
 * class is skipped, not failed, when no emulator exists) and hands the emulator to Spring Cloud AWS:
 * <pre>{@code
 * @SpringBootTest(properties = "capacitypilot.cloud=aws")
 * @AwsEmulatorTest
 * class ScalingTests {
 *
 *     @DynamicPropertySource
 *     static void aws(DynamicPropertyRegistry registry) {
 *         AwsEmulator.get().registerProperties(registry);
 *     }
 *
 *     @Test
 *     void scalesOut() {
 *         try (AutoScalingClient autoScaling = AwsEmulator.get().configure(AutoScalingClient.builder()).build()) {
 *             // create the group the test scales
 *         }
 *     }
 * }
 * }</pre>
 * The emulator's state is reset before each test class, so a class creates what it needs.
 */
public final class AwsEmulator {

	/** The region every test uses; emulators accept any, real-looking values avoid surprises. */
	public static final Region REGION = Region.US_EAST_1;

	public static final String ACCESS_KEY = "test";

	private static final String SECRET_KEY = "test";

	private static final String HOW_TO_GET_ONE = "No AWS emulator available: set AWS_TEST_ENDPOINT to a running moto "
			+ "or LocalStack endpoint, start Docker (Testcontainers then runs one), or install moto_server "
			+ "(pip install 'moto[server]')";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static AwsEmulator instance;

	private static String unavailable;

	private final URI endpoint;

	private final Kind kind;

	private AwsEmulator(URI endpoint, Kind kind) {
		this.endpoint = endpoint;
		this.kind = kind;
	}

	/**
	 * The emulator of this JVM, started on first use. Aborts the calling test (an assumption, so
	 * call it before a Spring context loads) when none can be had.
	 */
	public static synchronized AwsEmulator get() {
		if (instance == null && unavailable == null) {
			instance = start();
			if (instance == null) {
				unavailable = HOW_TO_GET_ONE;
			}
		}
		if (instance == null) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(unavailable);
			}
			Assumptions.abort(unavailable);
		}
		return instance;
	}

	public URI endpoint() {
		return this.endpoint;
	}

	/** Points an SDK client builder at the emulator, with the test region and credentials. */
	public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
		return builder.endpointOverride(this.endpoint)
			.region(REGION)
			.credentialsProvider(credentials());
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
	}

	/**
	 * The service's own {@link AwsClients}, built through Spring Cloud AWS's configurer exactly as in
	 * the application, pointed at the emulator, one attempt per call, timed into {@code registry}.
	 */
	public AwsClients clients(MeterRegistry registry) {
		return clients(registry, this.endpoint, new AwsSdkProperties(Duration.ofSeconds(30), Duration.ofSeconds(20), 1));
	}

	/**
	 * The service's own {@link AwsClients} with the given SDK settings, calling the emulator through
	 * another endpoint (a {@link FaultProxy} in front of it).
	 */
	public AwsClients clients(MeterRegistry registry, URI through, AwsSdkProperties sdk) {
		AwsProperties aws = new AwsProperties();
		aws.setEndpoint(through);
		AwsClientBuilderConfigurer configurer = new AwsClientBuilderConfigurer(credentials(), () -> REGION, aws);
		return new AwsClients(configurer, sdk, new AwsCallMetrics(registry));
	}

	/**
	 * The Spring properties that point Spring Cloud AWS (and so every client built through it) at
	 * the emulator, with one SDK attempt per call so a failing test fails fast.
	 */
	public Map<String, String> springProperties() {
		return Map.of("spring.cloud.aws.endpoint", this.endpoint.toString(), "spring.cloud.aws.region.static",
				REGION.id(), "spring.cloud.aws.credentials.access-key", ACCESS_KEY,
				"spring.cloud.aws.credentials.secret-key", SECRET_KEY, "capacitypilot.aws.max-attempts", "1");
	}

	/** {@link #springProperties()} for a {@code @DynamicPropertySource} method. */
	public void registerProperties(DynamicPropertyRegistry registry) {
		springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/** Forgets every resource and metric the previous test class created. */
	public void reset() {
		switch (this.kind) {
			case MOTO -> post("/moto-api/reset");
			case LOCALSTACK -> post("/_localstack/state/reset");
			// An emulator of unknown kind keeps its state; tests use names of their own.
			case OTHER -> {
			}
		}
	}

	private static AwsEmulator start() {
		String configured = System.getenv("AWS_TEST_ENDPOINT");
		if (configured != null && !configured.isBlank()) {
			URI endpoint = URI.create(configured);
			return new AwsEmulator(endpoint, Kind.of(endpoint));
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return startContainer();
		}
		return startMotoServer();
	}

	private static AwsEmulator startContainer() {
		String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
		if (token != null && !token.isBlank()) {
			DockerImageName image = DockerImageName
				.parse(System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack-pro:4.14.0"))
				.asCompatibleSubstituteFor("localstack/localstack");
			LocalStackContainer localStack = new LocalStackContainer(image).withEnv("LOCALSTACK_AUTH_TOKEN", token)
				.withServices("autoscaling", "elbv2", "ec2", "cloudwatch");
			localStack.start();
			return new AwsEmulator(localStack.getEndpoint(), Kind.LOCALSTACK);
		}
		GenericContainer<?> moto = new GenericContainer<>(DockerImageName.parse("motoserver/moto:5.2.1"))
			.withExposedPorts(5000)
			.waitingFor(Wait.forHttp("/moto-api/"));
		moto.start();
		return new AwsEmulator(URI.create("http://" + moto.getHost() + ":" + moto.getMappedPort(5000)), Kind.MOTO);
	}

	private static AwsEmulator startMotoServer() {
		if (!onPath("moto_server")) {
			return null;
		}
		int port = freePort();
		Path log = logFile(port);
		Process process;
		try {
			process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start moto_server", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process.toHandle()), "moto_server-stop"));
		URI endpoint = URI.create("http://127.0.0.1:" + port);
		awaitReady(endpoint, process, log);
		return new AwsEmulator(endpoint, Kind.MOTO);
	}

	private static void awaitReady(URI endpoint, Process process, Path log) {
		Instant deadline = Instant.now().plusSeconds(60);
		while (!answers(endpoint.resolve("/moto-api/"))) {
			if (!process.isAlive() || Instant.now().isAfter(deadline)) {
				stop(process.toHandle());
				throw new IllegalStateException("moto_server did not come up on " + endpoint + "; see " + log);
			}
			pause();
		}
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path logFile(int port) {
		try {
			return Files.createTempFile("moto-server-" + port + "-", ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stop(ProcessHandle process) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			process.onExit().get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// A server that ignores SIGTERM must still not outlive the tests.
			process.destroyForcibly();
		}
	}

	private static boolean answers(URI uri) {
		try {
			return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the AWS emulator", ex);
		}
	}

	private void post(String path) {
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(this.endpoint.resolve(path))
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("resetting the AWS emulator failed: HTTP " + response.statusCode());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("resetting the AWS emulator failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while resetting the AWS emulator", ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the AWS emulator", ex);
		}
	}

	private enum Kind {

		MOTO, LOCALSTACK, OTHER;

		static Kind of(URI endpoint) {
			if (answers(endpoint.resolve("/moto-api/"))) {
				return MOTO;
			}
			return answers(endpoint.resolve("/_localstack/health")) ? LOCALSTACK : OTHER;
		}

	}

}
