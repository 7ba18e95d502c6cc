package io.siameseverify.web;

/**
 * A request body that is neither multipart/form-data nor application/json.
 */
class UnsupportedBodyException extends RuntimeException {

	UnsupportedBodyException(String contentType) {
		super("send images as multipart/form-data or application/json with base64 fields, not '%s'"
			.formatted(contentType.isEmpty() ? "no content type" : contentType));
	}

}
