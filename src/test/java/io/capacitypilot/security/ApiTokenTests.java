package io.capacitypilot.security;

import java.util.Map;

import io.capacitypilot.testsupport.LeaseScript;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With tokens configured, reading stays open, every change needs a token, and a pipeline token may
 * only lease; a refused change is a problem and changes nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:api-tokens;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.enabled=false", "capacitypilot.sim.demo-group=false",
		"capacitypilot.security.tokens[0].name=platform-team",
		"capacitypilot.security.tokens[0].secret=" + ApiTokenTests.OPERATOR,
		"capacitypilot.security.tokens[1].name=load-test-pipeline",
		"capacitypilot.security.tokens[1].secret=" + ApiTokenTests.PIPELINE,
		"capacitypilot.security.tokens[1].role=pipeline" })
@AutoConfigureMockMvc
class ApiTokenTests {

	static final String OPERATOR = "0123456789abcdef0123456789abcdef-operator";

	static final String PIPELINE = "0123456789abcdef0123456789abcdef-pipeline";

	private static final String GROUP = """
			{"name": "%s", "autoScalingGroupName": "%<s-asg", "region": "us-east-1",
			 "minCapacity": 1, "maxCapacity": 10}""";

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Test
	void aChangeWithoutATokenIsRefusedAndChangesNothing() throws Exception {
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("anon")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
			.andExpect(jsonPath("$.type").value("urn:capacity-pilot:problem:unauthorized"))
			.andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
		this.mvc.perform(get("/api/v1/groups/anon")).andExpect(status().isNotFound());
	}

	@Test
	void anUnknownTokenIsRefused() throws Exception {
		this.mvc.perform(as("0123456789abcdef0123456789abcdef-guess",
				post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("guessed"))))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("The API token is not one this service accepts"));
		this.mvc.perform(get("/api/v1/groups/guessed")).andExpect(status().isNotFound());
	}

	@Test
	void anOperatorTokenMayChangeAnythingAndReadingNeedsNoToken() throws Exception {
		created(as(OPERATOR,
				post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("web"))));
		this.mvc.perform(as(OPERATOR, put("/api/v1/groups/web/mode").contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\": \"paused\"}"))).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/groups/web")).andExpect(status().isOk()).andExpect(jsonPath("$.mode").value("paused"));
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
	}

	@Test
	void aPipelineTokenMayLeaseButNotChangeAGroup() throws Exception {
		created(as(OPERATOR,
				post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("shop"))));

		this.mvc.perform(as(PIPELINE, put("/api/v1/groups/shop/mode").contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\": \"paused\"}")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("'load-test-pipeline' is a pipeline token")))
			.andExpect(jsonPath("$.detail").value(containsString("needs an operator token")));
		this.mvc.perform(get("/api/v1/groups/shop")).andExpect(jsonPath("$.mode").value(not("paused")));

		String lease = created(as(PIPELINE, post("/api/v1/groups/shop/leases").contentType(MediaType.APPLICATION_JSON)
			.content("{\"capacity\": 3, \"ttl\": \"PT10M\", \"reason\": \"load test\"}")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = lease.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		this.mvc.perform(delete("/api/v1/groups/shop/leases/{id}", id)).andExpect(status().isUnauthorized());
		this.mvc.perform(as(PIPELINE, delete("/api/v1/groups/shop/leases/{id}", id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("released"));
	}

	@Test
	void theLeaseScriptSendsThePipelineToken() throws Exception {
		created(as(OPERATOR,
				post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("nightly"))));
		String[] acquire = { "acquire", "--url", "http://localhost:" + this.port, "--group", "nightly", "--capacity",
				"2", "--ttl", "10m", "--wait", "0" };

		LeaseScript.Result refused = LeaseScript.run(Map.of(), acquire);
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.stderr()).contains("HTTP 401 API token needed: This change needs an API token");

		LeaseScript.Result leased = LeaseScript.run(Map.of("CAPACITY_PILOT_TOKEN", PIPELINE), acquire);
		assertThat(leased.exitCode()).as(leased.stderr()).isZero();
		this.mvc.perform(get("/api/v1/groups/nightly/leases/{id}", leased.stdout().strip()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.capacity").value(2));
	}

	private ResultActions created(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andExpect(status().isCreated());
	}

	private static MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

}
