package io.siameseverify.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request made with a recognised key: its principal is the {@link ApiKey} (id and
 * scopes), its authorities the scopes.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final ApiKey key;

	ApiKeyAuthentication(ApiKey key) {
		super(key.scopes().stream().map(Scope::authority).toList());
		this.key = key;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public ApiKey getPrincipal() {
		return this.key;
	}

}
