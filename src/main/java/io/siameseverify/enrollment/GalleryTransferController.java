package io.siameseverify.enrollment;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import io.siameseverify.gallery.Galleries;
import io.siameseverify.gallery.Gallery;
import io.siameseverify.security.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A model's whole gallery as NDJSON, one reference a line, out and back in: a backup, or
 * the way to move a gallery between deployments and stores. Both directions stream, so a
 * gallery of any size passes through bounded memory.
 *
 * <pre>
 * curl -o face-gallery.ndjson localhost:8080/v1/models/face/gallery
 * curl -H 'Content-Type: application/x-ndjson' --data-binary @face-gallery.ndjson localhost:8080/v1/models/face/gallery
 * </pre>
 */
@RestController
@Tag(name = "Gallery transfer", description = "Export and import a model's gallery as NDJSON")
class GalleryTransferController {

	static final String NDJSON = "application/x-ndjson";

	private final Galleries galleries;

	private final JsonMapper json;

	private final AuditLog audit;

	GalleryTransferController(Galleries galleries, JsonMapper json, AuditLog audit) {
		this.galleries = galleries;
		this.json = json;
		this.audit = audit;
	}

	@Operation(summary = "Export a model's gallery",
			description = "Every reference of the served model version, one JSON object a line: subjectId, "
					+ "referenceId, createdAt, modelVersion, embedding. From one consistent snapshot of the store. "
					+ "The embeddings are biometric data: keep the file as carefully as the photos.")
	@GetMapping(path = "/v1/models/{model}/gallery", produces = NDJSON)
	ResponseEntity<StreamingResponseBody> export(@PathVariable String model) {
		Gallery gallery = this.galleries.of(model);
		AuditLog.Event event = AuditLog.Event.of("export", model);
		StreamingResponseBody body = (output) -> this.audit.record(event, () -> write(gallery, output),
				(done, lines) -> done.count(lines));
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
	}

	/** Writes every line; how many. */
	private long write(Gallery gallery, OutputStream response) {
		ObjectWriter writer = this.json.writerFor(GalleryLine.class);
		OutputStream output = new BufferedOutputStream(response, 1 << 16);
		long[] lines = { 0 };
		try {
			gallery.export((reference) -> {
				try {
					output.write(writer.writeValueAsBytes(GalleryLine.of(reference)));
					output.write('\n');
					lines[0]++;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			output.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return lines[0];
	}

	@Operation(summary = "Import references into a model's gallery",
			description = "An export's lines (application/x-ndjson). Idempotent by referenceId: references already "
					+ "stored are left as they are. Every line is checked; a bad line is answered 400 with its number "
					+ "and nothing of the request is kept. Limits apply to the gallery after the import.")
	@PostMapping(path = "/v1/models/{model}/gallery", consumes = NDJSON)
	ImportResult importGallery(@PathVariable String model, InputStream body) {
		Gallery gallery = this.galleries.of(model);
		GalleryLines lines = new GalleryLines(body, this.json, gallery::checkImportable);
		long imported = this.audit.record(AuditLog.Event.of("import", model), () -> {
			try {
				return gallery.importReferences(lines);
			}
			catch (UncheckedIOException ex) {
				throw new ImportLineException(lines.lines() + 1, "the request body could not be read");
			}
		}, (event, added) -> event.count(added));
		return new ImportResult(model, gallery.modelVersion(), lines.references(), imported,
				lines.references() - imported);
	}

	/** What an import did. */
	record ImportResult(String model, String modelVersion, long references, long imported, long alreadyPresent) {
	}

}
