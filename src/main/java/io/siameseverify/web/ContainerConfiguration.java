package io.siameseverify.web;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import org.springframework.context.annotation.Configuration;

/**
 * Tomcat reports its own errors as problems: its HTML error report is replaced by
 * {@link ProblemErrorReportValve} on the host, once every other customizer (Spring Boot's
 * adds a report valve of its own) has run, just before the application starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ContainerConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> context.addLifecycleListener((event) -> {
			if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
				reportProblems(context);
			}
		}));
	}

	private static void reportProblems(Context context) {
		Container host = context.getParent();
		if (host instanceof StandardHost standard) {
			standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
		Pipeline pipeline = host.getPipeline();
		boolean present = false;
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ProblemErrorReportValve) {
				present = true;
			}
			else if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		if (!present) {
			pipeline.addValve(new ProblemErrorReportValve());
		}
	}

}
