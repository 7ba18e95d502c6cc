package io.siameseverify.web;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's report of the errors it meets before any servlet runs (a {@code %2F} in the
 * path, a request line or header over its limits), as {@code application/problem+json}
 * instead of Tomcat's HTML page naming its version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	public ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			ProblemJson.write(response.getResponse(), ContainerProblems.forStatus(status));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response already started: nothing more to say
		}
	}

}
