package io.siameseverify.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Bounds the memory of all request bodies at once, as {@link WebProperties#bodyMemory}
 * says. Bodies are kept in memory, never in files (they are images), and a body is held
 * about three times over while it is parsed (the bytes read, the multipart part or JSON
 * string, the decoded image); so a request reserves three times its length, or three
 * times the largest body allowed when it does not say its length, before a byte is read.
 * Past the budget it waits, at most {@code bodyMemoryWait}, then is answered 503
 * {@code overloaded}: many large uploads at once queue instead of exhausting the heap.
 * Runs after authentication, so that only callers with a key can take a share.
 */
final class BodyMemoryFilter extends OncePerRequestFilter {

	static final int COPIES = 3;

	private static final long KIB = 1024;

	private final Semaphore kib;

	private final int totalKib;

	private final long largestBody;

	private final WebProperties properties;

	private final HandlerExceptionResolver problems;

	BodyMemoryFilter(WebProperties properties, long largestBody, HandlerExceptionResolver problems) {
		this.properties = properties;
		this.totalKib = (int) Math.clamp(properties.bodyMemory().toBytes() / KIB, 1, Integer.MAX_VALUE);
		this.kib = new Semaphore(this.totalKib);
		this.largestBody = largestBody;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		long bytes = COPIES * ((length >= 0) ? Math.min(length, this.largestBody) : this.largestBody);
		int wanted = (int) Math.clamp((bytes + KIB - 1) / KIB, 1, this.totalKib);
		if (!acquire(wanted)) {
			this.problems.resolveException(request, response, null,
					new BodyMemoryBusyException(this.properties.bodyMemoryWait()));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.kib.release(wanted);
		}
	}

	private boolean acquire(int wanted) {
		try {
			return this.kib.tryAcquire(wanted, this.properties.bodyMemoryWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** What is free now, in bytes. */
	long available() {
		return this.kib.availablePermits() * KIB;
	}

}
