package io.capacitypilot.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Checks a presented bearer token against the configured ones. Every configured token is compared,
 * digest against digest in constant time, so the time a refusal takes tells nothing about how
 * close a guess was or which token it nearly matched.
 */
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

	private final List<Known> known;

	ApiTokenAuthenticationProvider(ApiSecurityProperties properties) {
		this.known = properties.tokens().stream().map((token) -> new Known(token, digest(token.secret()))).toList();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		byte[] presented = digest(((Presented) authentication).secret);
		ApiSecurityProperties.Token match = null;
		for (Known candidate : this.known) {
			if (MessageDigest.isEqual(candidate.digest, presented)) {
				match = candidate.token;
			}
		}
		if (match == null) {
			throw new BadCredentialsException("The API token is not one this service accepts");
		}
		return new PreAuthenticatedAuthenticationToken(match.name(), null,
				AuthorityUtils.createAuthorityList(match.role().authority()));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return Presented.class.isAssignableFrom(authentication);
	}

	private static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private record Known(ApiSecurityProperties.Token token, byte[] digest) {
	}

	/** A bearer token as a request presented it, not yet checked. */
	static final class Presented extends AbstractAuthenticationToken {

		private final String secret;

		Presented(String secret) {
			super(List.of());
			this.secret = secret;
		}

		@Override
		public Object getCredentials() {
			return this.secret;
		}

		@Override
		public Object getPrincipal() {
			return "bearer token";
		}

	}

}
