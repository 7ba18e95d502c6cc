package io.siameseverify.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.siameseverify.encoder.ImageInputs;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
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
 * from an {@code application/json} object whose fields hold base64 strings (or arrays of
 * them; a {@code data:…;base64,} prefix is accepted).
 */
class ImageInputsResolver implements HandlerMethodArgumentResolver {

	private final JsonMapper json;

	private final WebProperties properties;

	ImageInputsResolver(JsonMapper json, WebProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == ImageInputs.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
			WebDataBinderFactory binders) throws IOException {
		MultipartHttpServletRequest multipart = web.getNativeRequest(MultipartHttpServletRequest.class);
		if (multipart != null) {
			return fromMultipart(multipart);
		}
		HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
		String contentType = (request.getContentType() != null) ? request.getContentType() : "";
		if (!MediaType.APPLICATION_JSON.isCompatibleWith(MediaType
			.parseMediaType(contentType.isEmpty() ? MediaType.APPLICATION_OCTET_STREAM_VALUE : contentType))) {
			throw new UnsupportedBodyException(contentType);
		}
		return fromJson(request);
	}

	private static ImageInputs fromMultipart(MultipartHttpServletRequest request) throws IOException {
		Map<String, List<byte[]>> images = new LinkedHashMap<>();
		for (Map.Entry<String, List<MultipartFile>> part : request.getMultiFileMap().entrySet()) {
			for (MultipartFile file : part.getValue()) {
				images.computeIfAbsent(part.getKey(), (k) -> new ArrayList<>()).add(file.getBytes());
			}
		}
		return new ImageInputs(images);
	}

	private ImageInputs fromJson(HttpServletRequest request) throws IOException {
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
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("the body is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new InvalidRequestException("the body must be a JSON object of base64 image fields");
		}
		Map<String, List<byte[]>> images = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			List<byte[]> decoded = new ArrayList<>();
			if (field.getValue().isArray()) {
				field.getValue().forEach((item) -> decoded.add(base64(field.getKey(), item)));
			}
			else {
				decoded.add(base64(field.getKey(), field.getValue()));
			}
			images.put(field.getKey(), decoded);
		}
		return new ImageInputs(images);
	}

	private static byte[] base64(String name, JsonNode value) {
		if (!value.isString()) {
			throw new InvalidRequestException("field '%s' must be a base64 string".formatted(name));
		}
		String text = value.asString();
		int comma = text.indexOf(',');
		if (text.startsWith("data:") && comma > 0) {
			text = text.substring(comma + 1);
		}
		try {
			return Base64.getMimeDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("field '%s' is not valid base64".formatted(name));
		}
	}

}
