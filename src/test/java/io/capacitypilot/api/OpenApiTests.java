package io.capacitypilot.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiTest
class OpenApiTests {

	@Autowired
	MockMvc mvc;

	@Test
	void listsEveryEndpointWithItsSchemas() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/groups'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups'].post.requestBody.content['application/json'].schema.$ref")
				.value("#/components/schemas/GroupRequest"))
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}'].put").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}'].delete").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/mode'].put").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/policies'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/policies'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/policies/{policy}'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/policies/{policy}'].put").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/policies/{policy}'].delete").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/policies/{policy}/forecast'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/decisions'].get").exists())
			.andExpect(jsonPath("$.components.schemas.Policy.discriminator.propertyName").value("type"))
			.andExpect(jsonPath("$.components.schemas.Policy.discriminator.mapping['target-tracking']")
				.value("#/components/schemas/TargetTrackingPolicy"))
			.andExpect(jsonPath("$.components.schemas.MetricQuery.discriminator.propertyName").value("source"))
			.andExpect(jsonPath("$.components.schemas.ModeChange.properties.mode.enum",
					hasItems("active", "dry-run", "paused")))
			.andExpect(jsonPath("$.components.schemas.StepScalingPolicy.allOf[1].properties.steps").exists())
			.andExpect(jsonPath("$.components.schemas.StepScalingPolicy.allOf[1].properties.fallback").exists())
			.andExpect(jsonPath("$.components.schemas.ScheduledPolicy").exists())
			.andExpect(jsonPath("$.components.schemas.PredictivePolicy").exists())
			.andExpect(jsonPath("$.components.schemas.GroupView.properties.fleet").exists());
	}

	@Test
	void changesDeclareTheApiTokenAndReadsDoNot() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(jsonPath("$.components.securitySchemes.api-token.scheme").value("bearer"))
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/mode'].put.security[0].api-token").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}/leases'].post.security[0].api-token").exists())
			.andExpect(jsonPath("$.paths['/api/v1/groups/{name}'].get.security").doesNotExist());
	}

	@Test
	void swaggerUiLoads() throws Exception {
		this.mvc.perform(get("/swagger-ui.html"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/swagger-ui/index.html"));
		this.mvc.perform(get("/swagger-ui/index.html"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("swagger-ui")));
		this.mvc.perform(get("/v3/api-docs/swagger-config"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.url").value("/v3/api-docs"));
	}

}
