package io.siameseverify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The ports an application started by a test listens on: the API's, and the actuator's
 * management port (liveness, readiness, metrics).
 */
public final class ServerPorts implements ApplicationListener<WebServerInitializedEvent> {

	private final CompletableFuture<Integer> api = new CompletableFuture<>();

	private final CompletableFuture<Integer> management = new CompletableFuture<>();

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		boolean isManagement = "management".equals(event.getApplicationContext().getServerNamespace());
		(isManagement ? this.management : this.api).complete(event.getWebServer().getPort());
	}

	/** Fails the waits below: the application did not start. */
	public void failed(Throwable failure) {
		this.api.completeExceptionally(failure);
		this.management.completeExceptionally(failure);
	}

	public String api(long seconds) throws Exception {
		return "http://127.0.0.1:" + this.api.get(seconds, TimeUnit.SECONDS);
	}

	public String management(long seconds) throws Exception {
		return "http://127.0.0.1:" + this.management.get(seconds, TimeUnit.SECONDS);
	}

}
