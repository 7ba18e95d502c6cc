package io.siameseverify.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.siameseverify.encoder.ImageFields;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

/**
 * What the API description cannot learn from the controllers alone. Images arrive through
 * {@link ImageInputsResolver}, which springdoc would show as a query parameter: each
 * {@link ImageFields} parameter becomes a request body instead, as multipart parts
 * ({@code format: binary}, so that Swagger UI offers a file upload) or base64 JSON
 * fields. And every operation lists the problems it may answer, with the problem schema.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM_SCHEMA = "Problem";

	/** The problem types by status, as the README's error table lists them. */
	private static final Map<String, List<String>> PROBLEMS = problems();

	/** Statuses only an operation that takes a body answers. */
	private static final List<String> ABOUT_A_BODY = List.of("409", "413", "415", "422");

	@Bean
	OperationCustomizer imageBodies() {
		return (operation, handler) -> {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				ImageFields fields = parameter.getParameterAnnotation(ImageFields.class);
				if (fields != null) {
					describeImages(operation, parameter.getParameterName(), fields);
				}
			}
			return operation;
		};
	}

	@Bean
	GlobalOpenApiCustomizer problemResponses() {
		return (api) -> {
			api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			api.getPaths()
				.values()
				.forEach((path) -> path.readOperations().forEach(ApiDocumentation::describeProblems));
		};
	}

	private static void describeImages(Operation operation, String name, ImageFields fields) {
		if (operation.getParameters() != null) {
			operation.getParameters().removeIf((p) -> p.getName().equals(name));
		}
		ObjectSchema parts = new ObjectSchema();
		ObjectSchema json = new ObjectSchema();
		for (String field : fields.value()) {
			Schema<?> file = new StringSchema().format("binary");
			Schema<?> base64 = new StringSchema().format("byte")
				.description("the image as base64, a data:image/…;base64, prefix accepted");
			parts.addProperty(field, fields.several() ? new ArraySchema().items(file) : file);
			json.addProperty(field, fields.several() ? new ArraySchema().items(base64) : base64);
			parts.addRequiredItem(field);
			json.addRequiredItem(field);
		}
		operation.requestBody(new RequestBody().required(true)
			.description("PNG, JPEG, GIF or BMP: multipart file parts, or the same fields in JSON as base64")
			.content(new Content()
				.addMediaType(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
						new MediaType().schema(parts))
				.addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
						new MediaType().schema(json))));
	}

	private static void describeProblems(Operation operation) {
		boolean body = operation.getRequestBody() != null;
		PROBLEMS.forEach((status, slugs) -> {
			if (operation.getResponses().containsKey(status) || (!body && ABOUT_A_BODY.contains(status))) {
				return;
			}
			String types = String.join(", ",
					slugs.stream().map((slug) -> ProblemDetailsAdvice.TYPE_PREFIX + slug).toList());
			operation.getResponses()
				.addApiResponse(status, new ApiResponse().description("a problem (RFC 9457) of type " + types)
					.content(new Content().addMediaType(
							org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
								.example(Map.of("type", ProblemDetailsAdvice.TYPE_PREFIX + slugs.get(0), "title", "…",
										"status", Integer.parseInt(status), "detail", "…", "instance",
										"urn:uuid:…")))));
		});
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type",
					new StringSchema().description("stable: " + ProblemDetailsAdvice.TYPE_PREFIX + "<slug>"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().description("urn:uuid: of this occurrence"));
	}

	private static Map<String, List<String>> problems() {
		Map<String, List<String>> problems = new TreeMap<>();
		add(problems, "400", "invalid-request", "missing-image", "invalid-subject-id", "invalid-parameter",
				"invalid-import-line");
		add(problems, "401", "unauthorized");
		add(problems, "403", "forbidden");
		add(problems, "404", "unknown-model", "unknown-subject", "unknown-reference");
		add(problems, "409", "gallery-limit-reached");
		add(problems, "413", "request-too-large", "too-many-images");
		add(problems, "415", "unsupported-media-type");
		add(problems, "429", "rate-limited");
		add(problems, "503", "not-ready", "overloaded", "store-unavailable");
		// what an image itself may be refused for, from the refusals' own list
		for (ImageRejectedException.Kind kind : ImageRejectedException.Kind.values()) {
			add(problems, String.valueOf(kind.status()), kind.slug());
		}
		return problems;
	}

	private static void add(Map<String, List<String>> problems, String status, String... slugs) {
		problems.computeIfAbsent(status, (key) -> new ArrayList<>()).addAll(List.of(slugs));
	}

}
