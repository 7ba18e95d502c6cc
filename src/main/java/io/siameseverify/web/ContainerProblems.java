package io.siameseverify.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem for an error the servlet container answers itself, knowing only its status:
 * a path it will not decode, a URL or a header over its limits, a method no endpoint
 * takes (TRACE), a body that stopped arriving.
 */
final class ContainerProblems {

	private ContainerProblems() {
	}

	static ProblemDetail forStatus(int code) {
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return switch (status) {
			case BAD_REQUEST -> ProblemDetailsAdvice.problem(status, "invalid-request", "Invalid request",
					"the request cannot be read: a malformed path, header or body");
			case NOT_FOUND ->
				ProblemDetailsAdvice.problem(status, "not-found", "Not found", "no such path; see /v3/api-docs");
			case METHOD_NOT_ALLOWED -> ProblemDetailsAdvice.problem(status, "method-not-allowed", "Method not allowed",
					"no endpoint here takes this method");
			case REQUEST_TIMEOUT -> ProblemDetailsAdvice.problem(status, "request-timeout", "Request timeout",
					"the request body stopped arriving");
			case CONTENT_TOO_LARGE -> ProblemDetailsAdvice.problem(status, "request-too-large", "Request too large",
					"the request is larger than the configured limit");
			case URI_TOO_LONG -> ProblemDetailsAdvice.problem(status, "uri-too-long", "URI too long",
					"the request line is longer than the server accepts");
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> ProblemDetailsAdvice.problem(status, "headers-too-large",
					"Request headers too large", "the request's headers are larger than the server accepts");
			case SERVICE_UNAVAILABLE -> ProblemDetailsAdvice.problem(status, "not-ready", "Not ready",
					"the service is starting or stopping; retry shortly");
			default -> (status.is4xxClientError())
					? ProblemDetailsAdvice.problem(status, "invalid-request", "Invalid request",
							status.getReasonPhrase())
					: ProblemDetailsAdvice.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
							"the request failed on the server; it has been logged");
		};
	}

}
