package io.siameseverify;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code multipart/form-data} POSTs built by hand, as any HTTP client would send them, so
 * that the tests go through the service's real multipart handling.
 */
public final class MultipartRequests {

	private MultipartRequests() {
	}

	/** One image in a part named {@code image}. */
	public static HttpRequest post(URI uri, byte[] image) {
		return post(uri, Map.of("image", List.of(image)));
	}

	/** Every image of every part name, in order. */
	public static HttpRequest post(URI uri, Map<String, List<byte[]>> parts) {
		String boundary = "b" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, List<byte[]>> part : parts.entrySet()) {
			for (byte[] bytes : part.getValue()) {
				body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
						+ "\"; filename=\"" + part.getKey()
						+ ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.writeBytes(bytes);
				body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return TestKeys.request(uri)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
	}

}
