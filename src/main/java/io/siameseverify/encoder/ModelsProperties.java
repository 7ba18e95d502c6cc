package io.siameseverify.encoder;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The models to serve ({@code siamese.models.<name>.*}), one entry per model; the name is
 * the one used in the API paths.
 *
 * @param models settings by model name
 */
@Validated
@ConfigurationProperties("siamese")
public record ModelsProperties(@NotEmpty Map<String, @Valid ModelSettings> models) {

	/**
	 * One model.
	 *
	 * @param path folder holding the TorchScript file(s) and {@code model.json}
	 * @param threshold overrides the card's decision threshold (a threshold calibrated on
	 * your data)
	 * @param detect face models: detect and align faces (false: images are
	 * already-cropped faces)
	 * @param alignment face models: how a detected face becomes the encoder's chip
	 */
	public record ModelSettings(@NotNull Path path, Double threshold, @DefaultValue("true") boolean detect,
			@DefaultValue("dlib-chip") String alignment) {
	}

}
