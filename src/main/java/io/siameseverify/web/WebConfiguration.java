package io.siameseverify.web;

import java.util.List;

import jakarta.servlet.MultipartConfigElement;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the image argument resolver, keeps multipart bodies in memory and bounds the
 * memory of all bodies at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration implements WebMvcConfigurer {

	private final JsonMapper json;

	private final WebProperties properties;

	WebConfiguration(JsonMapper json, WebProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ImageInputsResolver(this.json, this.properties));
	}

	/**
	 * Spring Boot's multipart settings, but no part is ever written to a temporary file:
	 * the size past which a part would go to disk is the request's limit, which no
	 * accepted part reaches. Image bytes never touch the disk.
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(MultipartProperties multipart) {
		MultipartConfigElement configured = multipart.createMultipartConfig();
		long limit = Math.max(configured.getMaxRequestSize(), configured.getMaxFileSize());
		int inMemory = (limit < 0 || limit >= Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) limit + 1;
		return new MultipartConfigElement(configured.getLocation(), configured.getMaxFileSize(),
				configured.getMaxRequestSize(), inMemory);
	}

	@Bean
	FilterRegistrationBean<BodyMemoryFilter> bodyMemoryFilter(MultipartProperties multipart,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		long largestBody = Math.max(this.properties.maxJsonBytes().toBytes(), multipart.getMaxRequestSize().toBytes());
		FilterRegistrationBean<BodyMemoryFilter> registration = new FilterRegistrationBean<>(
				new BodyMemoryFilter(this.properties, largestBody, problems));
		registration.addUrlPatterns("/v1/*");
		// after Spring Security's chain (-100): only a caller with a key takes a share
		registration.setOrder(0);
		return registration;
	}

}
