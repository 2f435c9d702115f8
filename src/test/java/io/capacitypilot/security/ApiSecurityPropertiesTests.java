package io.capacitypilot.security;

import java.util.List;

import io.capacitypilot.security.ApiSecurityProperties.Token;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiSecurityPropertiesTests {

	private static final String SECRET = "x".repeat(ApiSecurityProperties.MIN_SECRET_LENGTH);

	@Test
	void noTokensLeaveTheApiOpen() {
		assertThat(new ApiSecurityProperties(List.of()).enabled()).isFalse();
		assertThat(new ApiSecurityProperties(List.of(new Token("ci", SECRET, ApiRole.PIPELINE))).enabled()).isTrue();
	}

	@Test
	void aShortSecretIsRefusedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiSecurityProperties(
					List.of(new Token("ci", SECRET, ApiRole.PIPELINE), new Token("ops", "hunter2", ApiRole.OPERATOR))))
			.withMessageStartingWith("capacitypilot.security.tokens[1].secret must have at least 32 characters");
	}

	@Test
	void namesAreRequiredAndUnique() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiSecurityProperties(List.of(new Token(" ", SECRET, ApiRole.OPERATOR))))
			.withMessageStartingWith("capacitypilot.security.tokens[0].name must be set");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiSecurityProperties(
					List.of(new Token("ci", SECRET, ApiRole.PIPELINE), new Token("ci", SECRET + "2", ApiRole.OPERATOR))))
			.withMessage("capacitypilot.security.tokens[1].name 'ci' is used twice");
	}

	@Test
	void theSecretNeverShowsInText() {
		assertThat(new Token("ci", SECRET, ApiRole.PIPELINE)).asString().doesNotContain(SECRET).contains("ci");
	}

}
