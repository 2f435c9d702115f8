// The decision log: newest first, each with its summary, the victims of a scale-in and how far each
// got, and, on demand, every reason behind it.

import { h, timeElement } from './dom.js';
import { metricLabel, warningsOf } from './decisions.js';

const SHOWN = 50;

export function renderLog(list, decisions) {
	list.replaceChildren(...decisions.slice(0, SHOWN).map(entryOf));
}

export function prependToLog(list, decision) {
	list.prepend(entryOf(decision));
	while (list.children.length > SHOWN) {
		list.lastElementChild.remove();
	}
}

/** Redraws a decision already in the log (a scale-in that moved on); false when it is not shown. */
export function replaceInLog(list, decision) {
	const shown = [...list.children].find((entry) => entry.dataset.decisionId === String(decision.id));
	shown?.replaceWith(entryOf(decision));
	return Boolean(shown);
}

function entryOf(decision) {
	const detail = decision.detail || {};
	const warnings = warningsOf(decision);
	return h('li', { class: `decision outcome-${decision.outcome}`, dataset: { decisionId: decision.id } },
		h('div', { class: 'decision-head' },
			timeElement(decision.evaluatedAt),
			h('span', { class: `badge action-${decision.action}` }, decision.action),
			decision.outcome ? h('span', { class: `badge outcome-${decision.outcome}` }, decision.outcome) : null,
			h('span', { class: 'capacity-change' }, `${decision.currentCapacity} → ${decision.desiredCapacity}`)),
		h('p', { class: 'decision-summary' }, decision.summary),
		decision.steps?.length ? h('ul', { class: 'victims', 'aria-label': 'Victims' }, decision.steps.map((step) =>
			h('li', { dataset: { instanceId: step.instanceId } }, `${step.instanceId} `,
				h('span', { class: `badge leaving-${step.state}` }, step.state),
				step.error ? ` ${step.error}` : ''))) : null,
		warnings.length ? h('ul', { class: 'warnings' },
			warnings.map((warning) => h('li', { class: `warning warning-${warning.kind}` }, warning.text))) : null,
		h('details', {},
			h('summary', {}, 'Why'),
			decision.replica ? h('p', { class: 'decided-by' }, `Decided by replica ${decision.replica}`) : null,
			section('Policies', (detail.recommendations || []).map((r) => h('li', {},
				h('strong', {}, r.policy), ` → ${r.desired ?? 'no opinion'}${r.dataUnknown ? ' (data unknown)' : ''}`,
				reasonList(r.reasons)))),
			section('Guardrails that clipped the result', (detail.guardrails || []).map((g) => h('li', {},
				h('strong', {}, g.guardrail), ` ${g.before} → ${g.after}: ${g.reason?.message ?? ''}`))),
			section('Notes', (detail.notes || []).map((note) => h('li', {}, note.message))),
			section('Metrics used', (detail.metrics || []).map((m) => h('li', {},
				`${metricLabel(m)}: ${(m.datapoints || []).map((p) => round(p.value)).join(', ') || 'no datapoints'}`,
				m.ageSeconds !== undefined && m.ageSeconds !== null ? ` (newest ${m.ageSeconds} s old)` : '',
				m.error ? ` — ${m.error}` : '')))));
}

function section(title, items) {
	return items.length ? h('div', { class: 'why' }, h('h4', {}, title), h('ul', {}, items)) : null;
}

function reasonList(reasons) {
	return reasons?.length ? h('ul', {}, reasons.map((reason) => h('li', {}, reason.message))) : null;
}

const round = (value) => (Number.isInteger(value) ? value : Number(value).toFixed(2));
