// Reading a decision (DecisionView) for people: what to warn about, and the explanation lines.

export function metricLabel(metric) {
	const query = metric.query || {};
	const name = query.metricName || query.expression || query.query || query.metric || metric.source || 'metric';
	return query.statistic ? `${name} (${query.statistic})` : name;
}

/** What an operator should look at: stale or failed metrics, failed actions, disagreeing policies. */
export function warningsOf(decision) {
	if (!decision) {
		return [];
	}
	const detail = decision.detail || {};
	const warnings = [];
	for (const metric of detail.metrics || []) {
		if (metric.error) {
			warnings.push({ kind: 'metric', text: `${metricLabel(metric)}: ${metric.error}` });
		}
		else if (metric.stale) {
			const age = (metric.ageSeconds ?? null) === null ? 'has no recent datapoint' : `is stale (${metric.ageSeconds} s old)`;
			warnings.push({ kind: 'stale', text: `${metricLabel(metric)} ${age}` });
		}
	}
	if (decision.outcome === 'failed' || decision.error) {
		warnings.push({ kind: 'failed', text: decision.error || 'the action failed' });
	}
	const opinions = (detail.recommendations || []).filter((r) => r.desired !== null && r.desired !== undefined);
	const wantMore = opinions.filter((r) => r.desired > decision.currentCapacity);
	const wantLess = opinions.filter((r) => r.desired < decision.currentCapacity);
	if (wantMore.length && wantLess.length) {
		const views = opinions.map((r) => `${r.policy} wants ${r.desired}`).join(', ');
		warnings.push({ kind: 'conflict', text: `policies disagree: ${views}` });
	}
	for (const recommendation of detail.recommendations || []) {
		if (recommendation.dataUnknown) {
			warnings.push({ kind: 'stale', text: `${recommendation.policy} had no usable data` });
		}
	}
	for (const note of detail.notes || []) {
		if (note.code === 'fleet.external-change') {
			warnings.push({ kind: 'conflict', text: note.message });
		}
	}
	return warnings;
}

/** Every reason behind a decision, in reading order: policies, guardrails, notes. */
export function explanationOf(decision) {
	const detail = decision.detail || {};
	const lines = [];
	for (const recommendation of detail.recommendations || []) {
		const wants = recommendation.desired ?? 'no opinion';
		lines.push(`${recommendation.policy} → ${wants}`);
		for (const reason of recommendation.reasons || []) {
			lines.push(`  ${reason.message}`);
		}
	}
	for (const guardrail of detail.guardrails || []) {
		lines.push(`${guardrail.guardrail}: ${guardrail.before} → ${guardrail.after} (${guardrail.reason?.message ?? ''})`);
	}
	for (const note of detail.notes || []) {
		lines.push(note.message);
	}
	return lines;
}

/** Whether the decision changed (or would have changed) the fleet, or failed: worth a chart marker. */
export function isNotable(decision) {
	return decision.action === 'set-desired-capacity' || decision.action === 'dry-run' || decision.outcome === 'failed';
}
