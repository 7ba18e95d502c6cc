package io.siameseverify.web;

/**
 * A request body that is neither multipart/form-data nor application/json, or whose
 * content type cannot be parsed.
 */
class UnsupportedBodyException extends RuntimeException {

	UnsupportedBodyException() {
		super("send images as multipart/form-data or application/json with base64 fields");
	}

}
