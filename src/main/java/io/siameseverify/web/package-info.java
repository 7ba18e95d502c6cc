/**
 * Shared HTTP concerns: images from multipart or base64 JSON bodies, and RFC 9457 problem
 * details for every error. Features never import this package; it knows the features'
 * exceptions.
 */
package io.siameseverify.web;
