package io.siameseverify.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description says how to authenticate: an API key in {@code X-API-Key}, or the
 * same key as a bearer token, required by every operation; Swagger UI then offers to
 * enter it once for all its calls.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyDocumentation {

	static final String HEADER_SCHEME = "apiKey";

	static final String BEARER_SCHEME = "bearer";

	@Bean
	OpenAPI apiDescription(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("siamese-verify API")
				.version((properties != null) ? properties.getVersion() : "development")
				.description("Face and signature verification. Every /v1 operation needs an API key "
						+ "(X-API-Key, or Authorization: Bearer) with the scope it names: verify, enroll or admin."))
			.components(new Components()
				.addSecuritySchemes(HEADER_SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(ApiKeyFilter.HEADER))
				.addSecuritySchemes(BEARER_SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList(HEADER_SCHEME))
			.addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
	}

}
