package io.siameseverify.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.UUID;

import io.siameseverify.encoder.InvalidParameterException;
import io.siameseverify.encoder.MissingImageException;
import io.siameseverify.encoder.ModelNotReadyException;
import io.siameseverify.encoder.TooManyImagesException;
import io.siameseverify.encoder.UnknownModelException;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.runtime.EncoderBusyException;
import io.siameseverify.enrollment.ImportLineException;
import io.siameseverify.gallery.GalleryLimitException;
import io.siameseverify.gallery.GalleryNotReadyException;
import io.siameseverify.gallery.InvalidSubjectIdException;
import io.siameseverify.gallery.UnknownReferenceException;
import io.siameseverify.gallery.UnknownSubjectException;
import io.siameseverify.gallery.store.StoreUnavailableException;
import io.siameseverify.security.ForbiddenException;
import io.siameseverify.security.RateLimitedException;
import io.siameseverify.security.UnauthorizedException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as RFC 9457 {@code application/problem+json}: a stable {@code type} per
 * problem ({@code urn:siamese-verify:problem:<slug>}), a fixed title and a specific
 * detail. Details never carry stack traces, class names, embeddings, image bytes or
 * subject ids. 4xx are the caller's and logged at debug; 5xx are logged once at error.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final String TYPE_PREFIX = "urn:siamese-verify:problem:";

	static final long RETRY_AFTER_SECONDS = 1;

	@ExceptionHandler(ImageRejectedException.class)
	ProblemDetail imageRejected(ImageRejectedException ex) {
		ImageRejectedException.Kind kind = ex.kind();
		if (ex.image() == null) {
			return problem(HttpStatus.valueOf(kind.status()), kind.slug(), kind.title(), ex.getMessage());
		}
		ProblemDetail problem = problem(HttpStatus.valueOf(kind.status()), kind.slug(), kind.title(),
				ex.image() + ": " + ex.getMessage());
		problem.setProperty("image", ex.image());
		return problem;
	}

	@ExceptionHandler({ MaxUploadSizeExceededException.class })
	ProblemDetail uploadTooLarge(MaxUploadSizeExceededException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
				"the request is larger than the configured limit");
	}

	@ExceptionHandler(TooManyImagesException.class)
	ProblemDetail tooManyImages(TooManyImagesException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "too-many-images", "Too many images", ex.getMessage());
	}

	@ExceptionHandler(UnknownModelException.class)
	ProblemDetail unknownModel(UnknownModelException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-model", "Unknown model",
				"no model of that name is served; GET /v1/models lists them");
	}

	@ExceptionHandler(UnknownSubjectException.class)
	ProblemDetail unknownSubject(UnknownSubjectException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-subject", "Unknown subject", ex.getMessage());
	}

	@ExceptionHandler(UnknownReferenceException.class)
	ProblemDetail unknownReference(UnknownReferenceException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-reference", "Unknown reference", ex.getMessage());
	}

	@ExceptionHandler(InvalidSubjectIdException.class)
	ProblemDetail invalidSubjectId(InvalidSubjectIdException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-subject-id", "Invalid subject id", ex.getMessage());
	}

	@ExceptionHandler(GalleryLimitException.class)
	ProblemDetail galleryLimit(GalleryLimitException ex) {
		return problem(HttpStatus.CONFLICT, "gallery-limit-reached", "Gallery limit reached", ex.getMessage());
	}

	@ExceptionHandler({ MissingImageException.class })
	ProblemDetail missingImage(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "missing-image", "Missing image", ex.getMessage());
	}

	@ExceptionHandler({ InvalidRequestException.class, MultipartException.class })
	ProblemDetail invalidRequest(Exception ex) {
		String detail = (ex instanceof InvalidRequestException) ? ex.getMessage() : "the multipart body cannot be read";
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
	}

	@ExceptionHandler({ InvalidParameterException.class })
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", ex.getMessage());
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class })
	ProblemDetail parameterType(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				"parameter '%s' has the wrong type".formatted(ex.getName()));
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, HandlerMethodValidationException.class })
	ProblemDetail parameterMissing(Exception ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				"a query parameter is missing or out of range");
	}

	@ExceptionHandler({ UnsupportedBodyException.class, HttpMediaTypeNotSupportedException.class })
	ProblemDetail unsupportedBody(Exception ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
				"send images as multipart/form-data or application/json with base64 fields");
	}

	/**
	 * The body stopped arriving (the connector's timeout) or the client went away while
	 * it was read: the caller's doing, so neither is logged as an error.
	 */
	@ExceptionHandler(IOException.class)
	ProblemDetail bodyUnreadable(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return ContainerProblems.forStatus(HttpStatus.REQUEST_TIMEOUT.value());
			}
		}
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"the request body could not be read to its end");
	}

	/**
	 * Written by hand: content negotiation, which failed on this very Accept header,
	 * would refuse to write the problem too and leave the body empty.
	 */
	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	void notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletResponse response) throws IOException {
		ProblemJson.write(response, problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
				"answers are application/json, and errors application/problem+json: accept one of them"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ProblemDetail methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
				"%s is not supported here".formatted(ex.getMethod()));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ProblemDetail notFound(NoResourceFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no such path; see /v3/api-docs");
	}

	@ExceptionHandler({ EncoderBusyException.class, BodyMemoryBusyException.class })
	ResponseEntity<ProblemDetail> overloaded(RuntimeException ex) {
		log.warn("overloaded: {}", ex.getMessage());
		return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
				"the service is busy with other images; retry shortly"));
	}

	@ExceptionHandler({ ModelNotReadyException.class, GalleryNotReadyException.class })
	ResponseEntity<ProblemDetail> notReady(RuntimeException ex) {
		return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", "Not ready", ex.getMessage()));
	}

	@ExceptionHandler(UnauthorizedException.class)
	ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"siamese-verify\"")
			.body(problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", ex.getMessage()));
	}

	@ExceptionHandler(ForbiddenException.class)
	ProblemDetail forbidden(ForbiddenException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler(RateLimitedException.class)
	ResponseEntity<ProblemDetail> rateLimited(RateLimitedException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Rate limited", ex.getMessage()));
	}

	@ExceptionHandler(StoreUnavailableException.class)
	ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException ex) {
		log.warn("store unavailable: {}", ex.getMessage());
		return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
				"the gallery's store of record did not answer; nothing was changed. Verify and identify still "
						+ "answer; retry the change shortly"));
	}

	@ExceptionHandler(ImportLineException.class)
	ProblemDetail invalidImportLine(ImportLineException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-import-line", "Invalid import line",
				ex.getMessage());
		problem.setProperty("line", ex.line());
		return problem;
	}

	/** 503 with a Retry-After, so that clients back off rather than hammer. */
	private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		// one line, no stack trace: the exception's type and where in this service it
		// arose, under the instance the caller was given (a message may quote request
		// data, so it stays out)
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"the request failed on the server; it has been logged");
		log.error("unexpected error {}: {} at {}", problem.getInstance(), ex.getClass().getName(), origin(ex));
		return problem;
	}

	/** The innermost frame of this service's own code, else the throwing frame. */
	static String origin(Throwable ex) {
		StackTraceElement[] frames = ex.getStackTrace();
		for (StackTraceElement frame : frames) {
			if (frame.getClassName().startsWith("io.siameseverify.")) {
				return frame.toString();
			}
		}
		return (frames.length > 0) ? frames[0].toString() : "an unknown place";
	}

	static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		if (status.is4xxClientError()) {
			log.debug("{} {}: {}", status.value(), slug, detail);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + slug));
		problem.setTitle(title);
		// this occurrence's own id, for the logs: left empty, Spring would put the
		// request's path here, and a path can hold a subject id (an e-mail address)
		problem.setInstance(URI.create("urn:uuid:" + UUID.randomUUID()));
		return problem;
	}

}
