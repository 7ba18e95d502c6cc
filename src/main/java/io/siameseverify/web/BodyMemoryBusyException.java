package io.siameseverify.web;

import java.time.Duration;

/** The bodies being read already held their whole budget for the allowed wait. */
class BodyMemoryBusyException extends RuntimeException {

	BodyMemoryBusyException(Duration waited) {
		super("request body memory taken for " + waited.toMillis() + " ms");
	}

}
