package io.capacitypilot.api;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.control.EvaluationSlots;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.groups.GroupRepository;
import io.capacitypilot.groups.ManagedGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiTest
class GroupApiTests {

	static final String WEB = """
			{"name": "web", "autoScalingGroupName": "web-asg", "region": "us-east-1", "minCapacity": 2, "maxCapacity": 10}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	GroupRepository groups;

	@Autowired
	ControlLoop controlLoop;

	@BeforeEach
	void noGroups() {
		this.groups.findAllGroups().forEach((group) -> this.groups.delete(group.name()));
	}

	@Test
	void createsAGroupWithSafeDefaults() throws Exception {
		create(WEB).andExpect(status().isCreated())
			.andExpect(header().string("Location", "http://localhost/api/v1/groups/web"))
			.andExpect(jsonPath("$.mode").value("dry-run"))
			.andExpect(jsonPath("$.evaluationInterval").value("PT15S"))
			.andExpect(jsonPath("$.leasesMayRaiseMax").value(false))
			.andExpect(jsonPath("$.actuation.registration").value("asg-managed"))
			.andExpect(jsonPath("$.actuation.scaleIn.victimSelection").value("az-balanced"))
			.andExpect(jsonPath("$.createdAt").isString());
		this.mvc.perform(get("/api/v1/groups"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].name").value("web"))
			.andExpect(jsonPath("$[0].fleet").doesNotExist());
	}

	@Test
	void aGroupShowsItsLiveFleet() throws Exception {
		create(WEB);
		this.mvc.perform(get("/api/v1/groups/web"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.autoScalingGroupName").value("web-asg"))
			.andExpect(jsonPath("$.fleet.desiredCapacity").isNumber())
			.andExpect(jsonPath("$.fleet.instances[0].lifecycle").value("in-service"))
			.andExpect(jsonPath("$.fleet.instances[0].launchTime").isString())
			.andExpect(jsonPath("$.fleetError").doesNotExist());
	}

	@Test
	void storesEveryFieldIncludingBehavior() throws Exception {
		String full = """
				{"name": "api", "autoScalingGroupName": "api-asg", "region": "eu-west-1", "minCapacity": 1,
				 "maxCapacity": 8, "evaluationInterval": "PT30S", "mode": "active", "leasesMayRaiseMax": true,
				 "behavior": {"scaleOut": {"stabilizationWindow": "PT0S",
				                           "rateLimits": [{"type": "percent", "value": 100, "period": "PT1M"},
				                                          {"type": "instances", "value": 4, "period": "PT1M"}],
				                           "selectPolicy": "max", "cooldown": "PT1M"},
				              "scaleIn": {"stabilizationWindow": "PT5M", "selectPolicy": "disabled"},
				              "tolerance": 0.1}}""";
		create(full).andExpect(status().isCreated()).andExpect(content().json(full, JsonCompareMode.LENIENT));
		this.mvc.perform(get("/api/v1/groups/api")).andExpect(content().json(full, JsonCompareMode.LENIENT));
	}

	@Test
	void storesActuationSettings() throws Exception {
		String controllerManaged = """
				{"name": "api", "autoScalingGroupName": "api-asg", "region": "eu-west-1",
				 "actuation": {"registration": "controller-managed",
				               "targetGroups": [{"arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef", "port": 8080}],
				               "scaleIn": {"victimSelection": "oldest", "drainTimeout": "PT2M"}}}""";
		create(controllerManaged).andExpect(status().isCreated())
			.andExpect(content().json(controllerManaged, JsonCompareMode.LENIENT));
		this.mvc.perform(get("/api/v1/groups/api")).andExpect(content().json(controllerManaged, JsonCompareMode.LENIENT));
		assertThat(this.groups.findGroup("api")).get()
			.satisfies((group) -> assertThat(group.actuation().controllerManaged()).isTrue());
	}

	@Test
	void aGroupInAnotherAccountReadsItsMetricsThroughItsRoleToo() throws Exception {
		String role = "arn:aws:iam::210987654321:role/ops/capacity-pilot";
		create("""
				{"name": "api", "autoScalingGroupName": "api-asg", "region": "eu-west-1", "roleArn": "%s"}"""
			.formatted(role)).andExpect(status().isCreated()).andExpect(jsonPath("$.roleArn").value(role));
		this.mvc.perform(post("/api/v1/groups/api/policies").contentType(MediaType.APPLICATION_JSON)
			.content(PolicyApiTests.TARGET_TRACKING)).andExpect(status().isCreated());

		this.mvc.perform(get("/api/v1/groups/api")).andExpect(jsonPath("$.roleArn").value(role));
		this.mvc.perform(get("/api/v1/groups/api/policies/cpu")).andExpect(jsonPath("$.metric.roleArn").doesNotExist());
		assertThat(this.groups.findPolicies("api")).singleElement()
			.extracting((policy) -> ((CloudWatchQuery) ((TargetTrackingPolicy) policy).metric()).roleArn())
			.isEqualTo(role);
		assertThat(this.groups.findGroup("api")).get().extracting(ManagedGroup::target).isEqualTo(
				new FleetTarget("eu-west-1", "api-asg", role));
	}

	@Test
	void replacesAGroupAndItsMode() throws Exception {
		create(WEB);
		this.mvc
			.perform(put("/api/v1/groups/web").contentType(MediaType.APPLICATION_JSON).content("""
					{"autoScalingGroupName": "web-asg-2", "region": "us-east-1", "mode": "active"}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.autoScalingGroupName").value("web-asg-2"))
			.andExpect(jsonPath("$.minCapacity").doesNotExist())
			.andExpect(jsonPath("$.mode").value("active"));
		this.mvc
			.perform(put("/api/v1/groups/web/mode").contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"paused\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mode").value("paused"));
		assertThat(this.groups.findGroup("web")).get().extracting(ManagedGroup::autoScalingGroupName).isEqualTo("web-asg-2");
	}

	@Test
	void aChangeMakesTheControlLoopEvaluateTheGroupAgainAtOnce() throws Exception {
		create(WEB);
		Instant now = nextSlotOf("web");
		assertThat(this.controlLoop.tick(now)).hasSize(1);
		assertThat(this.controlLoop.tick(now.plusSeconds(1))).as("not due before its interval").isEmpty();
		this.mvc.perform(put("/api/v1/groups/web").contentType(MediaType.APPLICATION_JSON).content(WEB))
			.andExpect(status().isOk());
		assertThat(this.controlLoop.tick(now.plusSeconds(2))).hasSize(1);
	}

	@Test
	void aNewGroupIsEvaluatedAtOnceThenAtItsOwnSlots() throws Exception {
		create(WEB);
		Instant slot = nextSlotOf("web");
		Instant created = slot.minusMillis(7_300);
		assertThat(this.controlLoop.tick(created)).as("at once").hasSize(1);
		assertThat(this.controlLoop.tick(slot.minusMillis(1))).as("not before its slot").isEmpty();
		assertThat(this.controlLoop.tick(slot)).as("at its slot, less than an interval later").hasSize(1);
		assertThat(this.controlLoop.tick(slot.plusSeconds(15))).hasSize(1);
	}

	@Test
	void aLateTickDoesNotPushTheGroupsLaterEvaluationsBack() throws Exception {
		create(WEB);
		Instant start = nextSlotOf("web");
		assertThat(this.controlLoop.tick(start)).hasSize(1);
		// Ticks are a fixed delay apart: the one that finds the group due comes a little after its time.
		assertThat(this.controlLoop.tick(start.plusMillis(15_900))).hasSize(1);
		assertThat(this.controlLoop.tick(start.plusSeconds(30))).as("due on its 15 s rhythm").hasSize(1);
		// After a long gap it resumes at its next slot instead of catching up on every interval it missed.
		assertThat(this.controlLoop.tick(start.plusSeconds(100))).hasSize(1);
		assertThat(this.controlLoop.tick(start.plusSeconds(101))).as("no burst of missed evaluations").isEmpty();
		assertThat(this.controlLoop.tick(start.plusSeconds(105))).as("back on its slots").hasSize(1);
	}

	/** The group's next slot, as it is evaluated every 15 s (the default interval, which {@link #WEB} keeps). */
	private static Instant nextSlotOf(String group) {
		return EvaluationSlots.after(group, Duration.ofSeconds(15), Instant.now());
	}

	@Test
	void deletesAGroup() throws Exception {
		create(WEB);
		this.mvc.perform(delete("/api/v1/groups/web")).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/groups/web"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("No group named 'web'"));
		this.mvc.perform(delete("/api/v1/groups/web")).andExpect(status().isNotFound());
	}

	@Test
	void unknownGroupsAreNotFoundEverywhere() throws Exception {
		for (String path : new String[] { "/api/v1/groups/nope", "/api/v1/groups/nope/policies",
				"/api/v1/groups/nope/policies/cpu", "/api/v1/groups/nope/decisions" }) {
			this.mvc.perform(get(path))
				.andExpect(status().isNotFound())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(404));
		}
	}

	@Test
	void aDuplicateIsAConflict() throws Exception {
		create(WEB);
		create(WEB.replace("web-asg", "other-asg")).andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("A group named 'web' already exists"));
		assertThat(this.groups.findGroup("web")).get().extracting(ManagedGroup::autoScalingGroupName).isEqualTo("web-asg");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			minCapacity above maxCapacity | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","minCapacity":5,"maxCapacity":2} | minCapacity
			negative evaluationInterval   | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","evaluationInterval":"-PT15S"}  | evaluationInterval
			interval under a second       | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","evaluationInterval":"PT0.5S"}  | evaluationInterval
			no name                       | {"autoScalingGroupName":"a","region":"us-east-1"}                                             | name
			bad name                      | {"name":"Web_1","autoScalingGroupName":"a","region":"us-east-1"}                              | name
			no autoScalingGroupName       | {"name":"api","region":"us-east-1"}                                                           | autoScalingGroupName
			unknown mode                  | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","mode":"sometimes"}             | mode
			unparsable duration           | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","evaluationInterval":"soon"}    | evaluationInterval
			controller-managed without target groups | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","actuation":{"registration":"controller-managed"}} | actuation.targetGroups
			target groups on an asg-managed group     | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","actuation":{"targetGroups":[{"arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/0123abcd"}]}} | actuation.targetGroups
			a target group that is no ARN             | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","actuation":{"registration":"controller-managed","targetGroups":[{"arn":"web-tg"}]}} | actuation.targetGroups[0].arn
			a port out of range                       | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","actuation":{"registration":"controller-managed","targetGroups":[{"arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/0123abcd","port":70000}]}} | actuation.targetGroups[0].port
			a negative drain timeout                  | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","actuation":{"scaleIn":{"drainTimeout":"-PT1M"}}} | actuation.scaleIn.drainTimeout
			unknown victim selection                  | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","actuation":{"scaleIn":{"victimSelection":"random"}}} | actuation.scaleIn.victimSelection
			a role that is no IAM role ARN            | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","roleArn":"capacity-pilot"} | roleArn
			negative rate limit           | {"name":"api","autoScalingGroupName":"a","region":"us-east-1","behavior":{"scaleIn":{"rateLimits":[{"type":"instances","value":-1,"period":"PT1M"}]}}} | behavior.scaleIn.rateLimits[0].value
			""")
	void rejectsAnInvalidGroupNamingTheFieldAndWritesNothing(String description, String body, String field)
			throws Exception {
		create(WEB);
		String before = groupsAsJson();
		create(body).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").isString());
		assertThat(groupsAsJson()).isEqualTo(before);
	}

	@Test
	void anInvalidReplacementLeavesTheGroupAsItWas() throws Exception {
		create(WEB);
		String before = groupsAsJson();
		this.mvc.perform(put("/api/v1/groups/web").contentType(MediaType.APPLICATION_JSON).content(WEB.replace("\"minCapacity\": 2", "\"minCapacity\": 20")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("minCapacity"));
		this.mvc.perform(put("/api/v1/groups/web/mode").contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"off\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("mode"));
		this.mvc.perform(put("/api/v1/groups/web/mode").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("mode"));
		assertThat(groupsAsJson()).isEqualTo(before);
	}

	@Test
	void malformedJsonIsABadRequestThatSaysWhy() throws Exception {
		String before = groupsAsJson();
		create("{\"name\": \"web\", ").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("end-of-input")));
		create("[1, 2]").andExpect(status().isBadRequest());
		create("").andExpect(status().isBadRequest());
		assertThat(groupsAsJson()).isEqualTo(before);
	}

	@Test
	void aNameThatDisagreesWithThePathIsRejected() throws Exception {
		create(WEB);
		this.mvc.perform(put("/api/v1/groups/web").contentType(MediaType.APPLICATION_JSON).content(WEB.replace("\"web\"", "\"api\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void protocolErrorsAreProblemsToo() throws Exception {
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.TEXT_PLAIN).content(WEB))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/v1/groups").accept(MediaType.APPLICATION_XML))
			.andExpect(status().isNotAcceptable());
		this.mvc.perform(patch("/api/v1/groups/web").contentType(MediaType.APPLICATION_JSON).content(WEB))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(405));
		assertThat(this.groups.findAllGroups()).isEmpty();
	}

	@Test
	void aParameterOutOfRangeIsNamed() throws Exception {
		create(WEB);
		this.mvc.perform(get("/api/v1/groups/web/decisions").param("size", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("size"));
		this.mvc.perform(get("/api/v1/groups/web/decisions").param("page", "first"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions create(String body) throws Exception {
		return this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private String groupsAsJson() throws Exception {
		return this.mvc.perform(get("/api/v1/groups")).andReturn().getResponse().getContentAsString();
	}

}
