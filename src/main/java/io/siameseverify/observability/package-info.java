/**
 * Meters beyond Spring Boot's own: what the service costs the machine it runs on.
 */
package io.siameseverify.observability;
