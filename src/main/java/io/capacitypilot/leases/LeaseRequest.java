package io.capacitypilot.leases;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client asks for. The time to live's upper bound is a setting, so the service checks it.
 *
 * @param ttl ISO-8601, e.g. {@code PT30M}
 * @param clientKey makes the request idempotent: the same key on the same group always answers the
 * same lease (a CI job's run id is a good key)
 */
public record LeaseRequest(@NotNull @Min(1) Integer capacity, @NotNull Duration ttl, @Size(max = 500) String reason,
		@Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:/@+=-]+",
				message = "may contain only letters, digits and . _ : / @ + = -") String clientKey) {
}
