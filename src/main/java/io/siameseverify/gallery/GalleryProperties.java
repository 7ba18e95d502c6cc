package io.siameseverify.gallery;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Gallery limits ({@code siamese.gallery.*}).
 *
 * @param maxReferencesPerSubject references one subject may hold
 * @param maxSubjectsPerModel subjects one model's gallery may hold
 */
@Validated
@ConfigurationProperties("siamese.gallery")
public record GalleryProperties(@DefaultValue("20") @Min(1) int maxReferencesPerSubject,
		@DefaultValue("100000") @Min(1) int maxSubjectsPerModel) {
}
