package io.siameseverify.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Recognises the key a request carries ({@code X-API-Key: <key>} or
 * {@code Authorization: Bearer <key>}) and takes it from the key's rate-limit bucket. A
 * request without a key goes on anonymous, and the endpoint's rule decides (liveness, the
 * console and the API description are open); a key that is not configured is refused at
 * once. Refusals are rendered as problem details by the application's exception handling.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	private final RateLimits limits;

	private final HandlerExceptionResolver problems;

	ApiKeyFilter(ApiKeys keys, RateLimits limits, HandlerExceptionResolver problems) {
		this.keys = keys;
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = presented(request);
		if (presented == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiKey> key = this.keys.find(presented);
		try {
			this.limits.consume(key.orElseThrow(() -> new UnauthorizedException("the API key is not valid")));
		}
		catch (UnauthorizedException | RateLimitedException refused) {
			this.problems.resolveException(request, response, null, refused);
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key.get()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static String presented(HttpServletRequest request) {
		String header = request.getHeader(HEADER);
		if (header != null && !header.isBlank()) {
			return header.strip();
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).strip();
		}
		return null;
	}

}
