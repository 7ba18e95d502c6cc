/**
 * Who may call what: API keys (configured as SHA-256 hashes, compared in constant time)
 * with scopes, a key generated at start when none is configured, per-key rate limits, and
 * the audit log of every change to a gallery. Uses no feature package; its refusals are
 * rendered by the web package's problem details.
 */
package io.siameseverify.security;
