package io.siameseverify.web;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP limits ({@code siamese.web.*}); multipart sizes are Spring's
 * {@code spring.servlet.multipart.*}.
 *
 * @param maxJsonBytes largest JSON request body (base64 grows images by a third)
 * @param bodyMemory memory the request bodies being read and parsed may hold at once (see
 * {@link BodyMemoryFilter})
 * @param bodyMemoryWait how long a request waits for its share before a 503
 */
@Validated
@ConfigurationProperties("siamese.web")
public record WebProperties(@DefaultValue("70MB") @NotNull DataSize maxJsonBytes,
		@DefaultValue("256MB") @NotNull DataSize bodyMemory, @DefaultValue("5s") @NotNull Duration bodyMemoryWait) {
}
