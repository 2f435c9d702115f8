// The overview: one card per group, kept current by the live feed.

import { groups } from './api.js';
import { h, modeBadge, numberOr, timeElement } from './dom.js';
import { isNotable, warningsOf } from './decisions.js';
import { renderFields, submitForm } from './forms.js';
import { connectLive } from './live.js';
import { groupFields } from './specs.js';

const list = document.getElementById('groups');
const cards = new Map();

async function loadAll() {
	try {
		const all = await groups.list();
		await Promise.all(all.map((group) => loadGroup(group.name, group)));
		for (const name of cards.keys()) {
			if (!all.some((group) => group.name === name)) {
				cards.get(name).element.remove();
				cards.delete(name);
			}
		}
		document.getElementById('no-groups').hidden = all.length > 0;
		document.getElementById('load-error').textContent = '';
	}
	catch (error) {
		document.getElementById('load-error').textContent = `Could not load the groups: ${error.message}`;
	}
	finally {
		list.setAttribute('aria-busy', 'false');
	}
}

/** Reads one group with its fleet, its last decision and its leases, and (re)draws its card. */
async function loadGroup(name, summary) {
	const [group, decisions, leases] = await Promise.all([
		groups.get(name).catch(() => summary),
		groups.decisions(name, 1).catch(() => []),
		groups.leases(name).catch(() => []),
	]);
	const card = cardFor(name);
	Object.assign(card, { group, leases, decision: decisions[0] ?? card.decision });
	draw(card);
}

function cardFor(name) {
	if (!cards.has(name)) {
		const element = h('li', { class: 'group-card', dataset: { group: name } });
		const position = [...cards.keys(), name].sort().indexOf(name);
		list.insertBefore(element, list.children[position] ?? null);
		cards.set(name, { element });
	}
	return cards.get(name);
}

function draw({ element, group, decision, leases }) {
	const fleet = group.fleet;
	const min = group.minCapacity ?? fleet?.minSize;
	const max = group.maxCapacity ?? fleet?.maxSize;
	const active = (leases || []).filter((lease) => ['provisioning', 'ready'].includes(lease.state));
	const warnings = warningsOf(decision);
	if (group.fleetError) {
		warnings.unshift({ kind: 'failed', text: `fleet unreadable: ${group.fleetError}` });
	}
	const headingId = `group-${group.name}`;
	element.replaceChildren(h('article', { 'aria-labelledby': headingId },
		h('header', { class: 'card-head' },
			h('h2', { id: headingId }, h('a', { href: `/group.html?name=${encodeURIComponent(group.name)}` }, group.name)),
			modeBadge(group.mode)),
		h('dl', { class: 'stats' },
			stat('Desired', numberOr(fleet?.desiredCapacity), 'desired'),
			stat('Min / max', `${numberOr(min)} / ${numberOr(max)}`, 'bounds'),
			stat('In service', numberOr(fleet?.inService), 'in-service'),
			stat('Healthy', numberOr(fleet?.healthy), 'healthy')),
		h('p', { class: 'last-decision', dataset: { decisionId: decision?.id } },
			decision ? [timeElement(decision.evaluatedAt), ' ', decision.summary] : 'No decision yet.'),
		warnings.length ? h('ul', { class: 'warnings', 'aria-label': 'Warnings' },
			warnings.map((warning) => h('li', { class: `warning warning-${warning.kind}` }, warning.text))) : null,
		active.length ? h('ul', { class: 'leases', 'aria-label': 'Active leases' },
			active.map((lease) => h('li', {}, `Lease ≥ ${lease.capacity} until `, timeElement(lease.expiresAt),
				lease.reason ? ` — ${lease.reason}` : '', ` (${lease.state})`))) : null));
}

function stat(label, value, key) {
	return h('div', { dataset: { stat: key } }, h('dt', {}, label), h('dd', {}, value));
}

// A decision redraws its card at once; the fleet follows a moment later (one read per burst).
const pending = new Map();

function refreshSoon(name) {
	clearTimeout(pending.get(name));
	pending.set(name, setTimeout(() => loadGroup(name).catch(() => {}), 300));
}

function onDecision(decision) {
	const card = cards.get(decision.groupName);
	if (!card) {
		loadAll();
		return;
	}
	card.decision = decision;
	draw(card);
	refreshSoon(decision.groupName);
	// Screen readers hear about changes to capacity, not every evaluation.
	if (isNotable(decision)) {
		document.getElementById('announcer').textContent = `${decision.groupName}: ${decision.summary}`;
	}
}

// A scale-in that moved on changes its card only while it is the group's latest decision.
function onDecisionUpdated(decision) {
	const card = cards.get(decision.groupName);
	if (card?.decision?.id === decision.id) {
		card.decision = decision;
		draw(card);
		refreshSoon(decision.groupName);
	}
}

function setUpNewGroupForm() {
	const form = document.getElementById('new-group');
	const fields = h('div', { class: 'fields' });
	renderFields(fields, groupFields());
	form.querySelector('.form-summary').after(fields);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const created = await submitForm(form, (body) => groups.create(body));
		if (created) {
			await loadAll();
			window.location.assign(`/group.html?name=${encodeURIComponent(created.name ?? form.elements.name.value)}`);
		}
	});
}

setUpNewGroupForm();
loadAll();
connectLive({
	status: document.getElementById('live-status'),
	resync: loadAll,
	decision: onDecision,
	'decision-updated': onDecisionUpdated,
	lease: (lease) => refreshSoon(lease.groupName),
});
// Counts that change without a decision (an instance turning healthy) are caught up now and then.
setInterval(loadAll, 60_000);
