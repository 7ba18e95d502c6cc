package io.siameseverify.web;

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
 */
@Validated
@ConfigurationProperties("siamese.web")
public record WebProperties(@DefaultValue("70MB") @NotNull DataSize maxJsonBytes) {
}
