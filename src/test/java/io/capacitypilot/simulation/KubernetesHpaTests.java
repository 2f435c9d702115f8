package io.capacitypilot.simulation;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesHpaTests {

	private final KubernetesHpa hpa = new KubernetesHpa(50);

	private final ReferencePolicyFixture fixture = new ReferencePolicyFixture(Duration.ofSeconds(15));

	@Test
	void ignoresDeviationsWithinTheTolerance() {
		this.fixture.measure(1, 54, 4);
		assertThat(this.hpa.decide(this.fixture.observe(4))).isEqualTo(4);
		this.fixture.measure(1, 46, 4);
		assertThat(this.hpa.decide(this.fixture.observe(4))).isEqualTo(4);
	}

	@Test
	void scalesUpInProportion() {
		this.fixture.measure(1, 75, 4);
		assertThat(this.hpa.decide(this.fixture.observe(4))).isEqualTo(6);
	}

	@Test
	void countsPodsNotYetReadyAsIdleWhenScalingUp() {
		// 2 ready pods at 90 % are 1.8 pods of load; with 2 more booting the ratio is 0.9: no change.
		this.fixture.measure(1, 90, 2);
		assertThat(this.hpa.decide(this.fixture.observe(2, 2, this.fixture.now()))).isEqualTo(4);
	}

	@Test
	void scalesUpByAtMostDoubleOrFourPodsPerSync() {
		this.fixture.measure(1, 100, 2);
		// 2 pods at 100 % want 4, within the limit of max(2 · 2, 2 + 4) = 6.
		assertThat(this.hpa.decide(this.fixture.observe(2))).isEqualTo(4);

		KubernetesHpa fresh = new KubernetesHpa(10);
		// 2 pods at 100 % against 10 % want 20: limited to 6.
		assertThat(fresh.decide(this.fixture.observe(2))).isEqualTo(6);
	}

	@Test
	void scalesDownToTheHighestRecommendationOfTheLastFiveMinutes() {
		this.fixture.measure(1, 50, 8);
		assertThat(this.hpa.decide(this.fixture.observe(8))).isEqualTo(8);
		for (int sync = 1; sync < 20; sync++) {
			this.fixture.measure(1, 25, 8);
			assertThat(this.hpa.decide(this.fixture.observe(8))).as("sync %d", sync).isEqualTo(8);
		}
		// 300 s after the last recommendation of 8, only recommendations of 4 remain.
		this.fixture.measure(1, 25, 8);
		assertThat(this.hpa.decide(this.fixture.observe(8))).isEqualTo(4);
	}

}
