package io.capacitypilot.leases;

import java.time.Duration;

import io.swagger.v3.oas.annotations.media.Schema;
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
public record LeaseRequest(@Schema(example = "6") @NotNull @Min(1) Integer capacity,
		@Schema(type = "string", format = "duration", example = "PT30M",
				description = "ISO-8601, positive, at most capacitypilot.leases.max-ttl (PT12H)") @NotNull Duration ttl,
		@Schema(example = "load test of checkout") @Size(max = 500) String reason,
		@Schema(example = "gh-8121436-1", description = "the same key on the same group answers the same lease")
		@Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:/@+=-]+",
				message = "may contain only letters, digits and . _ : / @ + = -") String clientKey) {
}
