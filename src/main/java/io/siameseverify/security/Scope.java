package io.siameseverify.security;

import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a key may do. {@code verify}: embeddings, verify and identify; {@code enroll}:
 * create, list, read and delete subjects and references; {@code admin}: everything,
 * including a gallery's export and import.
 */
public enum Scope {

	VERIFY, ENROLL, ADMIN;

	/** As configured and as Spring Security's authority: {@code SCOPE_verify}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	GrantedAuthority authority() {
		return new SimpleGrantedAuthority("SCOPE_" + id());
	}

}
