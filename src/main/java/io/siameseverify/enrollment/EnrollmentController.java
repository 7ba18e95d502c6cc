package io.siameseverify.enrollment;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Encoding;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.ImageFields;
import io.siameseverify.encoder.ImageInputs;
import io.siameseverify.encoder.InvalidParameterException;
import io.siameseverify.encoder.ModelRegistry;
import io.siameseverify.gallery.Galleries;
import io.siameseverify.gallery.Gallery;
import io.siameseverify.gallery.Subject;
import io.siameseverify.gallery.SubjectId;
import io.siameseverify.gallery.UnknownSubjectException;
import io.siameseverify.security.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subjects and their reference images. Only embeddings are kept, never the images.
 *
 * <pre>
 * curl -F image=@alice1.jpg -F image=@alice2.jpg localhost:8080/v1/models/face/subjects/alice/references
 * curl localhost:8080/v1/models/face/subjects/alice
 * curl -X DELETE localhost:8080/v1/models/face/subjects/alice
 * </pre>
 */
@RestController
@Tag(name = "Subjects", description = "Enrol, list, inspect and delete subjects and their references")
class EnrollmentController {

	static final int MAX_PAGE = 1000;

	private final ModelRegistry models;

	private final Galleries galleries;

	private final AuditLog audit;

	EnrollmentController(ModelRegistry models, Galleries galleries, AuditLog audit) {
		this.models = models;
		this.galleries = galleries;
		this.audit = audit;
	}

	@Operation(summary = "Enrol reference images of a subject",
			description = "One or more image parts. Creates the subject if new; all images are encoded before any "
					+ "is stored, so a bad image enrols nothing.")
	@PostMapping("/v1/models/{model}/subjects/{subjectId}/references")
	@ResponseStatus(HttpStatus.CREATED)
	SubjectResponse enroll(@PathVariable String model, @PathVariable String subjectId,
			@ImageFields(value = "image", several = true) ImageInputs images,
			@RequestParam(required = false) Boolean detect, @RequestParam(required = false) String face) {
		SubjectId id = new SubjectId(subjectId);
		EncoderModel encoder = this.models.get(model);
		EncodeOptions options = EncodeOptions.of(detect, face);
		List<byte[]> sent = images.all("image");
		List<Encoding> encodings = IntStream.range(0, sent.size())
			.mapToObj(
					(i) -> encoder.encode(sent.get(i), options, (sent.size() > 1) ? "image[%d]".formatted(i) : "image"))
			.toList();
		List<float[]> embeddings = encodings.stream().map((e) -> e.embedding().values()).toList();
		Subject subject = this.audit.record(AuditLog.Event.of("enroll", model).subject(id.value()),
				() -> this.galleries.of(model).enroll(id, embeddings),
				(event, enrolled) -> event.references(newest(enrolled, embeddings.size())));
		List<String> added = newest(subject, embeddings.size());
		List<EnrolledImage> enrolled = IntStream.range(0, encodings.size())
			.mapToObj(
					(i) -> new EnrolledImage(i, added.get(i), encodings.get(i).facesFound(), encodings.get(i).faces()))
			.toList();
		return SubjectResponse.of(subject, enrolled);
	}

	@Operation(summary = "List enrolled subjects")
	@GetMapping("/v1/models/{model}/subjects")
	SubjectPage list(@PathVariable String model, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
			throw new InvalidParameterException("offset must be >= 0 and limit within [1, %d]".formatted(MAX_PAGE));
		}
		Gallery.Page page = this.galleries.of(model).subjects(offset, limit);
		return new SubjectPage(page.total(),
				page.subjects()
					.stream()
					.map((s) -> new SubjectSummary(s.subjectId().value(), s.referenceCount()))
					.toList());
	}

	@Operation(summary = "Get one subject and its references")
	@GetMapping("/v1/models/{model}/subjects/{subjectId}")
	SubjectResponse get(@PathVariable String model, @PathVariable String subjectId) {
		return this.galleries.of(model)
			.subject(new SubjectId(subjectId))
			.map(SubjectResponse::of)
			.orElseThrow(UnknownSubjectException::new);
	}

	@Operation(summary = "Delete a subject and every embedding of it")
	@DeleteMapping("/v1/models/{model}/subjects/{subjectId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String model, @PathVariable String subjectId) {
		SubjectId id = new SubjectId(subjectId);
		this.audit.record(AuditLog.Event.of("delete-subject", model).subject(id.value()),
				() -> this.galleries.of(model).deleteSubject(id));
	}

	@Operation(summary = "Delete one reference of a subject")
	@DeleteMapping("/v1/models/{model}/subjects/{subjectId}/references/{referenceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteReference(@PathVariable String model, @PathVariable String subjectId, @PathVariable String referenceId) {
		SubjectId id = new SubjectId(subjectId);
		this.audit.record(
				AuditLog.Event.of("delete-reference", model).subject(id.value()).references(List.of(referenceId)),
				() -> this.galleries.of(model).deleteReference(id, referenceId));
	}

	/** The ids of the subject's last {@code count} references: those just enrolled. */
	private static List<String> newest(Subject subject, int count) {
		List<io.siameseverify.gallery.Reference> references = subject.references();
		return references.subList(references.size() - count, references.size())
			.stream()
			.map(io.siameseverify.gallery.Reference::referenceId)
			.toList();
	}

	/**
	 * A subject as the API shows it; after an enrolment, also what became of each image
	 * sent.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SubjectResponse(String subjectId, int referenceCount, List<io.siameseverify.gallery.Reference> references,
			List<EnrolledImage> images) {

		static SubjectResponse of(Subject subject) {
			return of(subject, null);
		}

		static SubjectResponse of(Subject subject, List<EnrolledImage> images) {
			return new SubjectResponse(subject.subjectId().value(), subject.referenceCount(), subject.references(),
					images);
		}

	}

	/**
	 * An image of an enrolment, in the order sent: the reference it became, and with face
	 * detection the faces found in it (the largest was enrolled).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EnrolledImage(int index, String referenceId, Integer facesFound, List<Face> faces) {
	}

	/** One line of the subject list. */
	record SubjectSummary(String subjectId, int referenceCount) {
	}

	/** A page of subjects and the total enrolled. */
	record SubjectPage(int total, List<SubjectSummary> subjects) {
	}

}
