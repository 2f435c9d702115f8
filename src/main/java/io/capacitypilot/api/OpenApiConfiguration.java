package io.capacitypilot.api;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.capacitypilot.groups.PolicyJson;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document. springdoc reads the records with its own Jackson, which does not know the
 * policy JSON mix-ins; this customizer adds what they change: the {@code type} and {@code source}
 * discriminators and enum values in lower-kebab case.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "api-token";

	@Bean
	OpenAPI capacityPilotOpenApi() {
		return new OpenAPI().info(new Info().title("Capacity Pilot API")
			.version("v1")
			.description("Managed Auto Scaling Groups, their scaling policies and the decisions taken for them. "
					+ "Durations are ISO-8601; errors are RFC 7807 problems."))
			.components(new Components().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.description("An API token (capacitypilot.security.tokens). Needed for changes only, and only "
						+ "when the service has tokens; reading is open.")));
	}

	/** Every change may need a token; reading never does. */
	@Bean
	OpenApiCustomizer changesNeedAToken() {
		return (openApi) -> openApi.getPaths()
			.values()
			.forEach((path) -> Stream.of(path.getPost(), path.getPut(), path.getPatch(), path.getDelete())
				.filter(Objects::nonNull)
				.forEach((operation) -> operation.addSecurityItem(new SecurityRequirement().addList(BEARER))));
	}

	@Bean
	OpenApiCustomizer policyJsonSchemas() {
		return (openApi) -> {
			Map<String, Schema> schemas = openApi.getComponents().getSchemas();
			discriminate(schemas, "Policy", "type", PolicyJson.policyTypes());
			discriminate(schemas, "MetricQuery", "source", PolicyJson.metricSources());
			schemas.computeIfPresent("JsonNode", (name, schema) -> new ObjectSchema().description("free-form JSON"));
			schemas.values().forEach(OpenApiConfiguration::kebabCaseEnums);
		};
	}

	private static void discriminate(Map<String, Schema> schemas, String base, String property,
			Map<? extends Class<?>, String> subtypes) {
		Schema<?> schema = schemas.get(base);
		if (schema == null) {
			return;
		}
		Map<String, String> mapping = new TreeMap<>();
		subtypes.forEach((type, name) -> mapping.put(name, "#/components/schemas/" + type.getSimpleName()));
		schema.type("object")
			.addProperty(property, new StringSchema()._enum(List.copyOf(mapping.keySet())))
			.addRequiredItem(property)
			.discriminator(new Discriminator().propertyName(property).mapping(mapping));
	}

	@SuppressWarnings("unchecked")
	private static void kebabCaseEnums(Schema<?> schema) {
		if (schema.getEnum() != null) {
			((Schema<Object>) schema).setEnum(schema.getEnum()
				.stream()
				.map((value) -> (value instanceof String name) ? name.toLowerCase(Locale.ROOT).replace('_', '-') : value)
				.toList());
		}
		Stream.of(schema.getAllOf(), schema.getOneOf(), (schema.getItems() != null) ? List.of(schema.getItems()) : null,
				(schema.getProperties() != null) ? List.copyOf(schema.getProperties().values()) : null)
			.filter(Objects::nonNull)
			.flatMap(Collection::stream)
			.forEach(OpenApiConfiguration::kebabCaseEnums);
	}

}
