package io.capacitypilot.security;

import java.net.URI;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;


/**
 * The API's access rules. Without tokens everything is open, as in the quick start. With tokens,
 * reading stays open and every change needs {@code Authorization: Bearer <token>}: a pipeline
 * token may take and release leases and run simulations and backtests, an operator token may
 * change anything. Refusals are problem details, like every other error of the API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class ApiSecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

	private static final String BEARER = "Bearer ";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private static final String PIPELINE_MAY = "take and release leases and run simulations and backtests";

	@Bean
	ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(ApiSecurityProperties properties) {
		return new ApiTokenAuthenticationProvider(properties);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurityProperties properties,
			ApiTokenAuthenticationProvider tokens,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems, Environment environment) {
		// No cookie or session ever carries authority here, so a forged cross-site request has none
		// to borrow: CSRF protection would only get in the way of API clients.
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable());
		if (!properties.enabled()) {
			warnIfOpenOnAws(environment);
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		logger.info("API changes need a bearer token; {} token(s) accepted: {}", properties.tokens().size(),
				properties.tokens());
		AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(tokens),
				ApiSecurityConfiguration::presentedToken);
		bearer.setSuccessHandler((request, response, authentication) -> {
			if (!SAFE_METHODS.contains(request.getMethod())) {
				logger.info("{} {} with the token '{}'", request.getMethod(), request.getRequestURI(),
						authentication.getName());
			}
		});
		bearer.setFailureHandler((request, response, ex) -> problems.resolveException(request, response, null,
				unauthorized(ex.getMessage())));
		return http.addFilterAt(bearer, BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(HttpMethod.GET)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD)
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/simulations", "/api/v1/groups/*/backtest",
						"/api/v1/groups/*/leases")
				.hasAnyRole(ApiRole.OPERATOR.name(), ApiRole.PIPELINE.name())
				.requestMatchers(HttpMethod.DELETE, "/api/v1/groups/*/leases/*")
				.hasAnyRole(ApiRole.OPERATOR.name(), ApiRole.PIPELINE.name())
				.anyRequest()
				.hasRole(ApiRole.OPERATOR.name()))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> problems.resolveException(request, response, null,
						unauthorized("This change needs an API token: send it as 'Authorization: Bearer <token>'")))
				.accessDeniedHandler((request, response, ex) -> problems.resolveException(request, response, null,
						forbidden(SecurityContextHolder.getContext().getAuthentication()))))
			.build();
	}

	private static Authentication presentedToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return new ApiTokenAuthenticationProvider.Presented(header.substring(BEARER.length()).trim());
	}

	private static ErrorResponseException unauthorized(String detail) {
		ErrorResponseException problem = problem(HttpStatus.UNAUTHORIZED, "API token needed", detail);
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"capacity-pilot\"");
		return problem;
	}

	private static ErrorResponseException forbidden(Authentication caller) {
		String who = (caller != null) ? "The token '" + caller.getName() + "' is a pipeline token: it may "
				+ PIPELINE_MAY + "." : "This token may not make this change.";
		return problem(HttpStatus.FORBIDDEN, "Not allowed with this token",
				who + " This change needs an operator token");
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		body.setType(URI.create("urn:capacity-pilot:problem:" + status.name().toLowerCase().replace('_', '-')));
		return new ErrorResponseException(status, body, null);
	}

	private static void warnIfOpenOnAws(Environment environment) {
		if ("aws".equals(environment.getProperty("capacitypilot.cloud"))) {
			logger.warn("The API accepts changes from anyone who can reach it: set capacitypilot.security.tokens "
					+ "(docs/operations.md#api-tokens)");
		}
	}

}
