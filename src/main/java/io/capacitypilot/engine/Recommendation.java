package io.capacitypilot.engine;

import java.util.List;

/**
 * What one policy wants.
 *
 * @param desired the capacity the policy recommends, or {@code null} when it has no opinion
 * @param dataUnknown the policy's data was missing, stale or failed
 */
public record Recommendation(String policy, Integer desired, boolean dataUnknown, List<Reason> reasons) {

	public Recommendation {
		reasons = List.copyOf(reasons);
	}

}
