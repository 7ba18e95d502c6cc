package io.siameseverify.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem straight onto a response, for the places where Spring's message
 * converters cannot: Tomcat's own error report, and a request whose Accept header content
 * negotiation refuses.
 */
final class ProblemJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemJson() {
	}

	static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", problem.getInstance().toString());
		byte[] bytes = JSON.writeValueAsBytes(body);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
