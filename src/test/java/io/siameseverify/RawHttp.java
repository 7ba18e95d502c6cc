package io.siameseverify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket to 127.0.0.1: for the requests an HTTP client
 * library will not send (a malformed header, a body that stops half-way), and to read the
 * answer exactly as the server wrote it.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** One answer: status, headers (lower-case names) and body (de-chunked). */
	public record Answer(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/** Sends the head and body, then reads until the server closes the connection. */
	public static Answer exchange(int port, String head, byte[] body, Duration timeout) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) timeout.toMillis());
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(body);
			socket.getOutputStream().flush();
			return parse(socket.getInputStream().readAllBytes());
		}
	}

	/** A request with {@code Connection: close}, and these extra header lines. */
	public static String head(String method, String target, String... headers) {
		StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		return head.append("Connection: close\r\n\r\n").toString();
	}

	private static Answer parse(byte[] raw) throws IOException {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("no complete answer: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(new java.io.ByteArrayInputStream(body));
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (true) {
			StringBuilder size = new StringBuilder();
			int c;
			while ((c = in.read()) != '\n') {
				if (c < 0) {
					return out.toByteArray();
				}
				if (c != '\r') {
					size.append((char) c);
				}
			}
			int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
			if (length == 0) {
				return out.toByteArray();
			}
			out.write(in.readNBytes(length));
			in.readNBytes(2);
		}
	}

}
