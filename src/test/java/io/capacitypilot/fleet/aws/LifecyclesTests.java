package io.capacitypilot.fleet.aws;

import io.capacitypilot.engine.LifecycleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LifecyclesTests {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(textBlock = """
			Pending,                PENDING
			Pending:Wait,           PENDING
			Pending:Proceed,        PENDING
			InService,              IN_SERVICE
			Terminating,            TERMINATING
			Terminating:Wait,       TERMINATING
			Terminating:Proceed,    TERMINATING
			Terminated,             TERMINATING
			EnteringStandby,        STANDBY
			Standby,                STANDBY
			Detaching,              DETACHING
			Detached,               DETACHING
			Quarantined,            OTHER
			Warmed:Running,         OTHER
			Warmed:Pending,         OTHER
			SomethingAwsAddsLater,  OTHER
			""")
	void autoScalingStatesReduceToWhatTheEngineReasonsAbout(String autoScaling, LifecycleState expected) {
		assertThat(Lifecycles.of(software.amazon.awssdk.services.autoscaling.model.LifecycleState.fromValue(autoScaling)))
			.isEqualTo(expected);
	}

	@Test
	void aMissingStateIsOther() {
		assertThat(Lifecycles.of(null)).isEqualTo(LifecycleState.OTHER);
	}

}
