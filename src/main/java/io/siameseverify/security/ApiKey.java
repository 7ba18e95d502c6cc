package io.siameseverify.security;

import java.util.Set;

/**
 * A caller's key once recognised: its id and scopes (the key itself is never kept).
 */
public record ApiKey(String id, Set<Scope> scopes) {

	/** The caller when keys are switched off: anyone, with every scope. */
	static final ApiKey ANYONE = new ApiKey("anonymous", Set.of(Scope.values()));

}
