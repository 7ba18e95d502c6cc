package io.siameseverify.verification;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.ImageFields;
import io.siameseverify.encoder.ImageInputs;
import io.siameseverify.gallery.SubjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification and identification. Images come as multipart parts or base64 JSON fields.
 *
 * <pre>
 * curl -F image1=@a.jpg -F image2=@b.jpg localhost:8080/v1/models/face/verify
 * curl -F image=@probe.jpg localhost:8080/v1/models/face/subjects/alice/verify
 * curl -F image=@probe.jpg 'localhost:8080/v1/models/face/identify?limit=5'
 * </pre>
 */
@RestController
@Tag(name = "Verification",
		description = "Verify a pair or a probe against a subject; identify among the enrolled subjects")
class VerificationController {

	private final VerificationService service;

	VerificationController(VerificationService service) {
		this.service = service;
	}

	@Operation(summary = "Verify a pair of images",
			description = "Parts image1 and image2. match = distance <= threshold; threshold overrides the model's "
					+ "for this request (within the metric's range); detect=false takes face images as crops.")
	@PostMapping("/v1/models/{model}/verify")
	Decision verifyPair(@PathVariable String model, @ImageFields({ "image1", "image2" }) ImageInputs images,
			@RequestParam(required = false) Double threshold, @RequestParam(required = false) Boolean detect,
			@RequestParam(required = false) String face, @RequestParam(defaultValue = "false") boolean inputs) {
		return this.service.verifyPair(model, images.one("image1"), images.one("image2"), threshold,
				EncodeOptions.of(detect, face, inputs));
	}

	@Operation(summary = "Verify a probe against an enrolled subject",
			description = "Part image. The probe is compared with every reference of the subject and the smallest "
					+ "distance decides; referenceId names that reference.")
	@PostMapping("/v1/models/{model}/subjects/{subjectId}/verify")
	Decision verifySubject(@PathVariable String model, @PathVariable String subjectId,
			@ImageFields("image") ImageInputs images, @RequestParam(required = false) Double threshold,
			@RequestParam(required = false) Boolean detect, @RequestParam(required = false) String face,
			@RequestParam(defaultValue = "false") boolean inputs) {
		return this.service.verifySubject(model, new SubjectId(subjectId), images.one("image"), threshold,
				EncodeOptions.of(detect, face, inputs));
	}

	@Operation(summary = "Identify a probe among enrolled subjects",
			description = "Part image. Candidates are the closest subjects by their closest reference, in increasing "
					+ "distance (limit 1..100); subjectId is the best candidate within the threshold, or null.")
	@PostMapping("/v1/models/{model}/identify")
	Identification identify(@PathVariable String model, @ImageFields("image") ImageInputs images,
			@RequestParam(defaultValue = "5") int limit, @RequestParam(required = false) Double threshold,
			@RequestParam(required = false) Boolean detect, @RequestParam(required = false) String face,
			@RequestParam(defaultValue = "false") boolean inputs) {
		return this.service.identify(model, images.one("image"), limit, threshold,
				EncodeOptions.of(detect, face, inputs));
	}

}
