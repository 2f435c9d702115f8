// The group page: header and mode, chart, decision log, instances, leases, policies and settings,
// all kept current by the live feed.

import { groups } from './api.js';
import { announce, h, modeBadge, numberOr, timeElement, dateTimeOf } from './dom.js';
import { isNotable, warningsOf } from './decisions.js';
import { createChart, renderChart } from './chart-view.js';
import { prependToLog, renderLog, replaceInLog } from './decision-log.js';
import { edited, fillForm, renderFields, submitForm } from './forms.js';
import { connectLive } from './live.js';
import { policyEditor } from './policy-editor.js';
import { groupFields, LEASE_FIELDS } from './specs.js';

const HISTORY = 200;
const name = new URLSearchParams(window.location.search).get('name');
const state = { group: null, decisions: [], policies: [], leases: [] };
const chart = createChart(document.getElementById('load-chart'));
const policies = policyEditor({
	form: document.getElementById('policy-form'),
	list: document.getElementById('policy-list'),
	groupName: name,
	onChange: () => loadPolicies(),
});

async function loadAll() {
	try {
		const [group, decisions] = await Promise.all([groups.get(name), groups.decisions(name, HISTORY)]);
		state.decisions = decisions;
		showGroup(group);
		renderLog(document.getElementById('decision-log'), decisions);
		await Promise.all([loadPolicies(), loadLeases()]);
		announce(document.getElementById('load-error'), '');
	}
	catch (error) {
		announce(document.getElementById('load-error'), `Could not load group ${name}: ${error.message}`, 'error');
	}
}

async function loadGroup() {
	showGroup(await groups.get(name));
}

async function loadPolicies() {
	state.policies = await groups.policies(name).catch(() => []);
	policies.render(state.policies);
	redraw();
}

async function loadLeases() {
	state.leases = await groups.leases(name).catch(() => []);
	renderLeases();
	redraw();
}

function redraw() {
	renderChart(chart, state);
}

function showGroup(group) {
	const first = !state.group;
	state.group = group;
	document.title = `${group.name} · Capacity Pilot`;
	document.getElementById('group-name').textContent = group.name;
	document.getElementById('group-mode').replaceChildren(modeBadge(group.mode));
	document.querySelectorAll('.mode-switch button').forEach((button) => {
		button.setAttribute('aria-pressed', String(button.dataset.mode === group.mode));
	});
	const fleet = group.fleet;
	document.getElementById('group-stats').replaceChildren(
		stat('Desired', numberOr(fleet?.desiredCapacity), 'desired'),
		stat('Min / max', `${numberOr(group.minCapacity ?? fleet?.minSize)} / ${numberOr(group.maxCapacity ?? fleet?.maxSize)}`, 'bounds'),
		stat('In service', numberOr(fleet?.inService), 'in-service'),
		stat('Healthy', numberOr(fleet?.healthy), 'healthy'),
		stat('Auto Scaling Group', `${group.autoScalingGroupName} (${group.region})`, 'asg'));
	showWarnings();
	renderInstances(fleet);
	if (first) {
		setUpSettings(group);
		policies.reset(group);
	}
	redraw();
}

function showWarnings() {
	const warnings = warningsOf(state.decisions[0]);
	if (state.group?.fleetError) {
		warnings.unshift({ kind: 'failed', text: `fleet unreadable: ${state.group.fleetError}` });
	}
	document.getElementById('group-warnings').replaceChildren(
		...warnings.map((warning) => h('li', { class: `warning warning-${warning.kind}` }, warning.text)));
}

function stat(label, value, key) {
	return h('div', { dataset: { stat: key } }, h('dt', {}, label), h('dd', {}, value));
}

function renderInstances(fleet) {
	const instances = fleet?.instances || [];
	const targetGroups = Object.entries(fleet?.targetGroups || {});
	const leaving = new Map((fleet?.leaving || []).map((victim) => [victim.instanceId, victim]));
	const row = (id, cells) => h('tr', { dataset: { instance: id } }, h('th', { scope: 'row' }, id), ...cells,
		h('td', {}, targetHealth(targetGroups, id)), h('td', {}, leavingState(leaving.get(id))));
	const rows = instances.map((instance) => row(instance.id, [
		h('td', {}, instance.availabilityZone),
		h('td', {}, h('span', { class: `badge lifecycle-${instance.lifecycle}` }, instance.lifecycle)),
		h('td', {}, h('span', { class: `badge ${instance.healthy ? 'ok' : 'bad'}` }, instance.healthy ? 'healthy' : 'unhealthy')),
		h('td', {}, instance.protectedFromScaleIn ? 'protected' : '—'),
		h('td', {}, timeElement(instance.launchTime, dateTimeOf))]));
	// A victim the ASG no longer lists is still on its way out until its step is done.
	const listed = new Set(instances.map((instance) => instance.id));
	[...leaving.keys()].filter((id) => !listed.has(id))
		.forEach((id) => rows.push(row(id, [h('td', { colspan: 5, class: 'empty' }, 'no longer in the Auto Scaling Group')])));
	if (!rows.length) {
		rows.push(h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No instances.')));
	}
	document.querySelector('#instances tbody').replaceChildren(...rows);
}

/** The instance's state in each target group the service registers it in, named by the target group. */
function targetHealth(targetGroups, id) {
	if (!targetGroups.length) {
		return '—';
	}
	return h('ul', { class: 'target-health' }, targetGroups.map(([arn, targets]) => {
		const state = targets[id] || 'not registered';
		return h('li', {}, h('span', { class: `badge target-${state.replace(' ', '-')}`, title: arn },
			`${targetGroupName(arn)}: ${state}`));
	}));
}

function targetGroupName(arn) {
	return arn.match(/targetgroup\/([^/]+)/)?.[1] || arn;
}

function leavingState(victim) {
	if (!victim) {
		return '—';
	}
	return h('span', {},
		h('span', { class: `badge leaving-${victim.state}` }, victim.state),
		victim.drainUntil && victim.state === 'draining' ? [' until ', timeElement(victim.drainUntil)] : null,
		victim.error ? ` · ${victim.error}` : null);
}

function renderLeases() {
	const list = document.getElementById('lease-list');
	const active = state.leases.filter((lease) => ['provisioning', 'ready'].includes(lease.state));
	list.replaceChildren(...active.map((lease) => h('li', { dataset: { lease: lease.id } },
		h('span', {}, `≥ ${lease.capacity} instances until `, timeElement(lease.expiresAt), ` · ${lease.state}`,
			` · ${lease.healthy}/${lease.capacity} serving`, lease.reason ? ` · ${lease.reason}` : ''),
		h('button', { type: 'button', class: 'secondary', 'aria-label': `Release lease ${lease.reason || lease.id}`,
			onclick: () => groups.releaseLease(name, lease.id).then(loadLeases) }, 'Release'))));
	if (!active.length) {
		list.append(h('li', { class: 'empty' }, 'No active lease.'));
	}
}

function setUpSettings(group) {
	const form = document.getElementById('group-form');
	const fields = groupFields({ editing: true });
	renderFields(form.querySelector('.fields'), fields);
	fillForm(form, group);
	form.elements.name.readOnly = true;
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		// Behaviour and mode are not on this form: they are sent back as they were.
		const { fleet, fleetError, createdAt, updatedAt, ...definition } = state.group;
		const saved = await submitForm(form, (body) => groups.update(name, edited(definition, fields, body)));
		if (saved) {
			await loadGroup();
		}
	});
}

function setUpModeSwitch() {
	const status = document.getElementById('mode-status');
	document.querySelectorAll('.mode-switch button').forEach((button) => button.addEventListener('click', async () => {
		try {
			await groups.setMode(name, button.dataset.mode);
			await loadGroup();
			announce(status, `Mode is now ${button.dataset.mode}.`);
		}
		catch (error) {
			announce(status, `Could not change the mode: ${error.message}`, 'error');
		}
	}));
}

function setUpLeaseForm() {
	const form = document.getElementById('lease-form');
	renderFields(form.querySelector('.fields'), LEASE_FIELDS);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		if (await submitForm(form, (body) => groups.createLease(name, body))) {
			await loadLeases();
		}
	});
}

let refresh;

function onDecision(decision) {
	if (decision.groupName !== name || state.decisions.some((known) => known.id === decision.id)) {
		return;
	}
	state.decisions = [decision, ...state.decisions].slice(0, HISTORY);
	prependToLog(document.getElementById('decision-log'), decision);
	showWarnings();
	redraw();
	if (isNotable(decision)) {
		document.getElementById('announcer').textContent = decision.summary;
	}
	// The fleet moves after an action: read it once the burst is over.
	clearTimeout(refresh);
	refresh = setTimeout(() => loadGroup().catch(() => {}), 300);
}

// A scale-in moved on (a victim drained, was terminated): its row changes in place.
function onDecisionUpdated(decision) {
	const index = state.decisions.findIndex((known) => known.id === decision.id);
	if (decision.groupName !== name || index < 0) {
		return;
	}
	state.decisions[index] = decision;
	replaceInLog(document.getElementById('decision-log'), decision);
	showWarnings();
	redraw();
	if (decision.outcome !== 'in-progress') {
		document.getElementById('announcer').textContent = `Scale-in ${decision.outcome}: ${decision.summary}`;
	}
	clearTimeout(refresh);
	refresh = setTimeout(() => loadGroup().catch(() => {}), 300);
}

if (!name) {
	announce(document.getElementById('load-error'), 'No group given: open a group from the overview.', 'error');
}
else {
	setUpModeSwitch();
	setUpLeaseForm();
	loadAll();
	connectLive({
		status: document.getElementById('live-status'),
		resync: loadAll,
		decision: onDecision,
		'decision-updated': onDecisionUpdated,
		lease: (lease) => lease.groupName === name && loadLeases(),
	});
}
