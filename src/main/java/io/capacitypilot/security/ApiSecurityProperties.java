package io.capacitypilot.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The API's bearer tokens. With none, anyone who reaches the service may change it, as in the
 * quick start; with one or more, every change needs one of them.
 *
 * @param tokens the accepted tokens
 */
@ConfigurationProperties("capacitypilot.security")
public record ApiSecurityProperties(@DefaultValue List<Token> tokens) {

	/** Long enough that guessing is hopeless; {@code openssl rand -hex 32} gives 64. */
	static final int MIN_SECRET_LENGTH = 32;

	public ApiSecurityProperties {
		tokens = List.copyOf(tokens);
		Set<String> names = new HashSet<>();
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			String at = "capacitypilot.security.tokens[" + i + "]";
			if (!StringUtils.hasText(token.name())) {
				throw new IllegalArgumentException(at + ".name must be set: it names the caller in the logs");
			}
			if (!names.add(token.name())) {
				throw new IllegalArgumentException(at + ".name '" + token.name() + "' is used twice");
			}
			if (token.secret() == null || token.secret().length() < MIN_SECRET_LENGTH) {
				throw new IllegalArgumentException(at + ".secret must have at least " + MIN_SECRET_LENGTH
						+ " characters (e.g. openssl rand -hex 32)");
			}
		}
	}

	/** Whether changes need a token. */
	public boolean enabled() {
		return !this.tokens.isEmpty();
	}

	/**
	 * One accepted token.
	 *
	 * @param name who holds it, as the logs name the caller (a team, a pipeline)
	 * @param secret the token itself
	 * @param role what it may change
	 */
	public record Token(String name, String secret, @DefaultValue("operator") ApiRole role) {

		@Override
		public String toString() {
			// Never the secret: properties end up in logs and the actuator.
			return "Token[name=" + this.name + ", role=" + this.role + "]";
		}

	}

}
