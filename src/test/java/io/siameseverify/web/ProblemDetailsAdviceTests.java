package io.siameseverify.web;

import java.time.Duration;

import io.siameseverify.encoder.runtime.EncoderBusyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems that the end-to-end tests cannot provoke on demand. Overload needs every
 * predictor busy at once; the pool's side is in {@code TorchScriptNetworkTests}, the
 * answer's side here.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsAdviceTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	@Test
	void overloadShouldBe503WithRetryAfterAndNoInternals() {
		ResponseEntity<ProblemDetail> answer = this.advice.overloaded(new EncoderBusyException(Duration.ofSeconds(5)));
		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		ProblemDetail problem = answer.getBody();
		assertThat(problem.getType()).hasToString("urn:siamese-verify:problem:overloaded");
		assertThat(problem.getDetail()).isEqualTo("the service is busy with other images; retry shortly");
	}

	@Test
	void unexpectedErrorShouldBe500WithoutItsMessageAndLoggedOnOneLine(CapturedOutput output) {
		ProblemDetail problem = this.advice.unexpected(new IllegalStateException("secret internals"));
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getType()).hasToString("urn:siamese-verify:problem:internal-error");
		assertThat(problem.getDetail()).doesNotContain("secret", "IllegalState");
		assertThat(problem.getInstance().toString()).startsWith("urn:uuid:");
		assertThat(output)
			.contains("unexpected error " + problem.getInstance()
					+ ": java.lang.IllegalStateException at io.siameseverify.web.")
			.doesNotContain("secret internals", "\tat ");
	}

}
