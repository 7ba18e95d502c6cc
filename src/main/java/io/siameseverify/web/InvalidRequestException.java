package io.siameseverify.web;

/**
 * A request body that cannot be read as the API describes it.
 */
class InvalidRequestException extends RuntimeException {

	InvalidRequestException(String message) {
		super(message);
	}

}
