package io.capacitypilot.leases;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.capacitypilot.CapacityPilotApplication;
import io.capacitypilot.control.LeaseFloors;
import io.capacitypilot.engine.LeaseFloor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Leases are stored: a restarted service still holds their floors and still knows their keys. */
class LeaseRestartTests {

	private static final String GROUP = "demo-web";

	@TempDir
	Path data;

	@Test
	void leasesSurviveARestart() {
		LeaseRequest request = new LeaseRequest(4, Duration.ofMinutes(30), "soak test", "run-1");
		Lease lease;
		try (ConfigurableApplicationContext first = start()) {
			lease = first.getBean(LeaseService.class).acquire(GROUP, request).lease();
		}
		try (ConfigurableApplicationContext second = start()) {
			LeaseService leases = second.getBean(LeaseService.class);
			assertThat(leases.find(GROUP, lease.id())).contains(lease);
			assertThat(second.getBean(LeaseFloors.class).activeFloors(GROUP, second.getBean(Clock.class).instant()))
				.containsExactly(new LeaseFloor(lease.id(), 4, lease.expiresAt()));
			LeaseService.Acquired again = leases.acquire(GROUP, request);
			assertThat(again.created()).isFalse();
			assertThat(again.lease().id()).isEqualTo(lease.id());
		}
	}

	/** The embedded default (which creates the demo group) on a database file of this test. */
	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(CapacityPilotApplication.class)
			.properties("spring.datasource.url=jdbc:h2:file:" + this.data.resolve("capacity-pilot")
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
					"spring.main.web-application-type=none", "capacitypilot.control.enabled=false",
					"capacitypilot.leases.monitor=false")
			.run();
	}

}
