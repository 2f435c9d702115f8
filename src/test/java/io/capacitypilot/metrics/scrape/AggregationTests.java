package io.capacitypilot.metrics.scrape;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class AggregationTests {

	private final double[] values = { 40, 10, 30, 20 };

	@Test
	void basicAggregations() {
		assertThat(Aggregation.parse("avg").of(this.values)).isEqualTo(25.0);
		assertThat(Aggregation.parse("sum").of(this.values)).isEqualTo(100.0);
		assertThat(Aggregation.parse("max").of(this.values)).isEqualTo(40.0);
		assertThat(Aggregation.parse("min").of(this.values)).isEqualTo(10.0);
	}

	@Test
	void percentilesInterpolateBetweenRanks() {
		assertThat(Aggregation.parse("p50").of(this.values)).isEqualTo(25.0);
		assertThat(Aggregation.parse("p90").of(this.values)).isCloseTo(37.0, within(1e-9));
		assertThat(Aggregation.parse("p100").of(this.values)).isEqualTo(40.0);
		assertThat(Aggregation.parse("p0").of(this.values)).isEqualTo(10.0);
		assertThat(Aggregation.parse("p99.9").of(new double[] { 5 })).isEqualTo(5.0);
	}

	@Test
	void onlySumNeedsEveryInstance() {
		assertThat(Aggregation.parse("sum").needsEveryInstance()).isTrue();
		assertThat(Aggregation.parse("avg").needsEveryInstance()).isFalse();
		assertThat(Aggregation.parse("p90").needsEveryInstance()).isFalse();
	}

	@Test
	void unknownAggregationsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Aggregation.parse("median"))
			.withMessageContaining("p90");
		assertThatIllegalArgumentException().isThrownBy(() -> Aggregation.parse("p101"));
	}

}
