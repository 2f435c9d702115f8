package io.capacitypilot.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.capacitypilot.testsupport.TestApplication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user creates survives a restart of the service on its embedded file database. */
class RestartTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void groupsAndPoliciesSurviveARestartUnchanged(@TempDir Path data) throws Exception {
		String group;
		String policy;
		try (ConfigurableApplicationContext first = start(data)) {
			assertThat(send(first, "POST", "/api/v1/groups", GroupApiTests.WEB).statusCode()).isEqualTo(201);
			assertThat(send(first, "POST", "/api/v1/groups/web/policies", PolicyApiTests.TARGET_TRACKING).statusCode())
				.isEqualTo(201);
			group = send(first, "GET", "/api/v1/groups", null).body();
			policy = send(first, "GET", "/api/v1/groups/web/policies", null).body();
		}
		try (ConfigurableApplicationContext second = start(data)) {
			assertThat(send(second, "GET", "/api/v1/groups", null).body()).isEqualTo(group);
			assertThat(send(second, "GET", "/api/v1/groups/web/policies", null).body()).isEqualTo(policy);
		}
	}

	private static ConfigurableApplicationContext start(Path data) {
		return TestApplication.builder().run("--server.port=0",
				"--capacitypilot.control.enabled=false",
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("capacity-pilot")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	private HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path, String body)
			throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
