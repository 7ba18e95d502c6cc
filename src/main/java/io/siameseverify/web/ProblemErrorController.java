package io.siameseverify.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: whatever the
 * container or a filter refuses with a bare status (TRACE, a firewall's rejection, a body
 * that timed out) is answered as a problem, never as HTML or Boot's own JSON. A 5xx is
 * logged on one line with the problem's instance, a 4xx at debug.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		ProblemDetail problem = ContainerProblems.forStatus((code instanceof Integer status) ? status : 500);
		if (problem.getStatus() >= 500) {
			Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
			log.error("request failed in the container: {} {}", problem.getInstance(),
					(exception instanceof Throwable ex)
							? ex.getClass().getName() + " at " + ProblemDetailsAdvice.origin(ex) : "status " + code);
		}
		return ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("X-Content-Type-Options", "nosniff")
			.body(problem);
	}

}
