package io.capacitypilot.deploy;

import java.nio.file.Path;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** The chart in {@code helm/} lints cleanly and renders what a cluster operator relies on. */
class HelmChartTests {

	private static final Path CHART = Path.of("helm", "capacity-pilot");

	@Test
	void chartLintsStrictly() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
	}

	@Test
	void defaultRenderRunsOneNonRootReplicaWithProbes() {
		String manifests = new Helm(CHART).template().withName("cp").call();
		assertThat(manifests).contains("kind: Deployment", "replicas: 1", "type: Recreate", "runAsNonRoot: true",
				"path: /actuator/health/liveness", "path: /actuator/health/readiness", "name: CAPACITYPILOT_CLOUD");
	}

	@Test
	void severalReplicasOnPostgresqlRollOverOneAnother() {
		String manifests = new Helm(CHART).template()
			.withName("cp")
			.set("database.url", "jdbc:postgresql://db:5432/capacitypilot")
			.set("replicaCount", "3")
			.call();
		assertThat(manifests).contains("replicas: 3", "type: RollingUpdate", "name: CAPACITYPILOT_LEADERSHIP_REPLICA_ID",
				"fieldPath: metadata.name")
			.doesNotContain("type: Recreate");
	}

	@Test
	void severalReplicasCannotShareTheEmbeddedDatabase() {
		assertThatException().isThrownBy(() -> new Helm(CHART).template().withName("cp").set("replicaCount", "2").call())
			.withMessageContaining("replicaCount > 1 needs PostgreSQL");
	}

	@Test
	void databaseUrlAndSecretReachTheContainer() {
		String manifests = new Helm(CHART).template()
			.withName("cp")
			.set("database.url", "jdbc:postgresql://db:5432/capacitypilot")
			.set("database.existingSecret", "cp-db")
			.call();
		assertThat(manifests).contains("jdbc:postgresql://db:5432/capacitypilot", "name: cp-db")
			.doesNotContain("jdbc:h2:");
	}

	@Test
	void apiTokensComeFromSecretsAsIndexedProperties() {
		String manifests = new Helm(CHART).template()
			.withName("cp")
			.set("apiTokens[0].name", "platform-team")
			.set("apiTokens[0].secretName", "cp-tokens")
			.set("apiTokens[0].secretKey", "platform")
			.set("apiTokens[1].name", "load-test-ci")
			.set("apiTokens[1].role", "pipeline")
			.set("apiTokens[1].secretName", "cp-tokens")
			.set("apiTokens[1].secretKey", "ci")
			.call();
		assertThat(manifests).contains("name: CAPACITYPILOT_SECURITY_TOKENS_0_NAME", "value: \"platform-team\"",
				"name: CAPACITYPILOT_SECURITY_TOKENS_0_ROLE", "value: \"operator\"",
				"name: CAPACITYPILOT_SECURITY_TOKENS_1_SECRET", "key: ci", "value: \"pipeline\"");
		assertThatException()
			.isThrownBy(() -> new Helm(CHART).template().withName("cp").set("apiTokens[0].name", "x").call())
			.withMessageContaining("apiTokens[].secretName is required");
	}

}
