/**
 * App-wide wiring that belongs to no feature: meters beyond Spring Boot's own, such as
 * what the service costs the machine it runs on. Depends on no feature package.
 */
package io.siameseverify.config;
