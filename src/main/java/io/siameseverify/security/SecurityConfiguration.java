package io.siameseverify.security;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Which scope each endpoint needs. Everything under {@code /v1/} needs a key: the model
 * list any key; embeddings, verify and identify {@code verify}; subjects and references
 * {@code enroll}; a gallery's export and import, and anything not named here,
 * {@code admin} (which holds every scope). The console, the API description and the
 * actuator (on its own management port) are open. Stateless: no session, no cookie, so no
 * CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain api(HttpSecurity http, AuthProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (!properties.enabled()) {
			log.warn("siamese.auth.enabled=false: every endpoint, enrolment and gallery export included, is open to "
					+ "anyone who can reach this port");
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		ApiKeyFilter keys = new ApiKeyFilter(ApiKeys.of(properties.keys()), new RateLimits(properties.rateLimit()),
				problems);
		return http.addFilterBefore(keys, AuthorizationFilter.class)
			.exceptionHandling((refusals) -> refusals
				.authenticationEntryPoint((request, response, ex) -> problems.resolveException(request, response, null,
						new UnauthorizedException("this endpoint needs an API key: send 'X-API-Key: <key>' or "
								+ "'Authorization: Bearer <key>'")))
				.accessDeniedHandler((request, response, ex) -> problems.resolveException(request, response, null,
						new ForbiddenException())))
			.authorizeHttpRequests((requests) -> requests
				// decided on the request itself; a streamed answer or an error page is
				// its continuation
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/v1/models", "/v1/models/*")
				.authenticated()
				.requestMatchers(HttpMethod.POST, "/v1/models/*/embeddings", "/v1/models/*/embeddings/batch",
						"/v1/models/*/verify", "/v1/models/*/identify", "/v1/models/*/subjects/*/verify")
				.hasAnyAuthority(authorities(Scope.VERIFY))
				.requestMatchers("/v1/models/*/subjects", "/v1/models/*/subjects/**")
				.hasAnyAuthority(authorities(Scope.ENROLL))
				.requestMatchers("/v1/**")
				.hasAnyAuthority(authorities(Scope.ADMIN))
				.anyRequest()
				.permitAll())
			.build();
	}

	/** The scope's authority, and admin's, which holds every scope. */
	private static String[] authorities(Scope scope) {
		return (scope == Scope.ADMIN) ? new String[] { Scope.ADMIN.authority().getAuthority() }
				: new String[] { scope.authority().getAuthority(), Scope.ADMIN.authority().getAuthority() };
	}

}
