package io.siameseverify.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.siameseverify.encoder.ImageFields;
import io.siameseverify.encoder.ImageInputs;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Fills an {@link ImageInputs} parameter from {@code multipart/form-data} file parts or
 * from an {@code application/json} object whose fields hold base64 strings, strictly:
 * only the fields its {@link ImageFields} names, one image a field unless it says
 * {@code several} (then repeated parts, or a JSON array), no field twice, a
 * {@code data:image/…;base64,} prefix or none, and base64 with nothing but line breaks
 * besides its alphabet. A request the endpoint would half-read is refused instead.
 */
class ImageInputsResolver implements HandlerMethodArgumentResolver {

	private static final Pattern DATA_URL = Pattern.compile("data:image/[A-Za-z0-9.+-]+;base64,");

	private static final Pattern LINE_BREAKS = Pattern.compile("[\r\n]");

	private final JsonMapper json;

	private final WebProperties properties;

	ImageInputsResolver(JsonMapper json, WebProperties properties) {
		this.json = json.rebuild()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
		this.properties = properties;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == ImageInputs.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
			WebDataBinderFactory binders) throws IOException {
		ImageFields fields = parameter.getParameterAnnotation(ImageFields.class);
		if (fields == null) {
			throw new IllegalStateException(parameter + " needs @ImageFields");
		}
		MultipartHttpServletRequest multipart = web.getNativeRequest(MultipartHttpServletRequest.class);
		if (multipart != null) {
			return fromMultipart(multipart, fields);
		}
		HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
		if (!isJson(request.getContentType())) {
			throw new UnsupportedBodyException();
		}
		return fromJson(request, fields);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static ImageInputs fromMultipart(MultipartHttpServletRequest request, ImageFields fields)
			throws IOException {
		Map<String, List<byte[]>> images = new LinkedHashMap<>();
		for (Map.Entry<String, List<MultipartFile>> part : request.getMultiFileMap().entrySet()) {
			known(part.getKey(), fields, "part");
			if (part.getValue().size() > 1 && !fields.several()) {
				throw new InvalidRequestException("part '%s' is sent %d times; this endpoint takes one"
					.formatted(part.getKey(), part.getValue().size()));
			}
			for (MultipartFile file : part.getValue()) {
				images.computeIfAbsent(part.getKey(), (k) -> new ArrayList<>()).add(file.getBytes());
			}
		}
		return new ImageInputs(images);
	}

	private ImageInputs fromJson(HttpServletRequest request, ImageFields fields) throws IOException {
		JsonNode root = parse(body(request));
		if (root == null || !root.isObject()) {
			throw new InvalidRequestException("the body must be a JSON object of base64 image fields");
		}
		Map<String, List<byte[]>> images = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			String name = field.getKey();
			known(name, fields, "field");
			JsonNode value = field.getValue();
			List<byte[]> decoded = new ArrayList<>();
			if (value.isArray() && fields.several() && !value.isEmpty()) {
				value.forEach((item) -> decoded.add(base64(name, item)));
			}
			else if (value.isString()) {
				decoded.add(base64(name, value));
			}
			else {
				throw new InvalidRequestException(
						((fields.several()) ? "field '%s' must be a base64 string or a " + "non-empty array of them"
								: "field '%s' must be one base64 string")
							.formatted(name));
			}
			images.put(name, decoded);
		}
		return new ImageInputs(images);
	}

	private byte[] body(HttpServletRequest request) throws IOException {
		long limit = this.properties.maxJsonBytes().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new MaxUploadSizeExceededException(limit);
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		}
		if (body.length > limit) {
			throw new MaxUploadSizeExceededException(limit);
		}
		return body;
	}

	private JsonNode parse(byte[] body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("the body is not valid JSON, or names a field twice");
		}
	}

	private static void known(String name, ImageFields fields, String what) {
		Set<String> names = Set.of(fields.value());
		if (!names.contains(name)) {
			throw new InvalidRequestException("unknown %s '%s': this endpoint takes %s".formatted(what,
					abbreviate(name), String.join(", ", Arrays.stream(fields.value()).sorted().toList())));
		}
	}

	/** A caller's field name, echoed at most 40 characters long. */
	private static String abbreviate(String name) {
		return (name.length() <= 40) ? name : name.substring(0, 40) + "…";
	}

	private static byte[] base64(String name, JsonNode value) {
		if (!value.isString()) {
			throw new InvalidRequestException("field '%s' must hold base64 strings".formatted(name));
		}
		String text = value.asString();
		if (text.startsWith("data:")) {
			var prefix = DATA_URL.matcher(text);
			if (!prefix.lookingAt()) {
				throw new InvalidRequestException(
						"field '%s' is a data URL that is not data:image/…;base64,".formatted(name));
			}
			text = text.substring(prefix.end());
		}
		try {
			return Base64.getDecoder().decode(LINE_BREAKS.matcher(text).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("field '%s' is not valid base64".formatted(name));
		}
	}

}
