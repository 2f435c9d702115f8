// The group's policies: a list with edit and delete, and one form that adds or replaces a policy.
// Target tracking on a CloudWatch metric has its own fields; any other policy is edited as JSON.

import { groups } from './api.js';
import { h } from './dom.js';
import { clearErrors, edited, fillForm, readForm, renderFields, submitForm } from './forms.js';
import { POLICY_JSON_EXAMPLE, targetTrackingFields } from './specs.js';

export function policyEditor({ form, list, groupName, onChange }) {
	const kind = form.querySelector('#policy-kind');
	const blocks = form.querySelectorAll('[data-kind]');
	const json = form.querySelector('#policy-json');
	const heading = form.querySelector('h3');
	let editing = null;
	let lastGroup = null;
	let fields = [];

	function showKind(value) {
		kind.value = value;
		blocks.forEach((block) => {
			block.hidden = block.dataset.kind !== value;
		});
	}

	function reset(group = lastGroup) {
		lastGroup = group;
		editing = null;
		heading.textContent = 'Add a policy';
		const container = form.querySelector('[data-kind="target-tracking"]');
		fields = targetTrackingFields(group);
		container.replaceChildren();
		renderFields(container, fields);
		json.value = JSON.stringify(POLICY_JSON_EXAMPLE, null, 2);
		clearErrors(form);
		showKind('target-tracking');
	}

	function edit(policy) {
		editing = policy;
		heading.textContent = `Edit policy ${policy.name}`;
		clearErrors(form);
		const simple = policy.type === 'target-tracking' && policy.metric?.source === 'cloudwatch' && !policy.metric.expression;
		if (simple) {
			showKind('target-tracking');
			fillForm(form, policy);
		}
		else {
			showKind('json');
		}
		json.value = JSON.stringify(policy, null, 2);
		form.elements.name.readOnly = true;
		(simple ? form.elements.targetValue : json).focus();
	}

	function read() {
		if (kind.value === 'json') {
			return JSON.parse(json.value);
		}
		if (!editing) {
			return readForm(form);
		}
		// Settings the form does not show (behaviour, tolerance) are kept as they were.
		const body = edited(editing, fields, readForm(form));
		// So is a region the metric names, unless it is the group's own, which the API shows for a
		// metric that names none: keeping that would pin the policy should the group move.
		const region = editing.metric?.region;
		if (region && region !== lastGroup?.region) {
			body.metric.region = region;
		}
		return body;
	}

	function render(policies) {
		list.replaceChildren(...policies.map((policy) => h('li', { dataset: { policy: policy.name } },
			h('span', { class: 'policy-name' }, policy.name), ' ',
			h('span', { class: 'badge' }, policy.type), ' ',
			h('span', { class: 'policy-gist' }, gistOf(policy)),
			h('span', { class: 'row-actions' },
				h('button', { type: 'button', class: 'secondary', onclick: () => edit(policy),
					'aria-label': `Edit policy ${policy.name}` }, 'Edit'),
				h('button', { type: 'button', class: 'danger', onclick: () => remove(policy),
					'aria-label': `Delete policy ${policy.name}` }, 'Delete')))));
		if (!policies.length) {
			list.append(h('li', { class: 'empty' }, 'No policy yet: the group keeps its capacity.'));
		}
	}

	async function remove(policy) {
		if (window.confirm(`Delete policy ${policy.name}?`)) {
			await groups.deletePolicy(groupName, policy.name);
			onChange();
		}
	}

	kind.addEventListener('change', () => {
		if (kind.value === 'json' && !editing) {
			json.value = JSON.stringify({ ...readForm(form), ...(form.elements.name.value ? {} : POLICY_JSON_EXAMPLE) }, null, 2);
		}
		showKind(kind.value);
	});
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const saved = await submitForm(form, (body) => groups.savePolicy(groupName, body, editing?.name), read);
		if (saved) {
			reset();
			form.querySelector('.form-summary').textContent = 'Policy saved.';
			onChange();
		}
	});

	form.querySelector('#policy-reset').addEventListener('click', () => reset());

	return { render, reset };
}

function gistOf(policy) {
	const metric = policy.metric?.metricName ?? policy.metric?.query ?? '';
	if (typeof policy.targetValue === 'number') {
		return `${metric} at ${policy.targetValue}`;
	}
	if (typeof policy.threshold === 'number') {
		return `${metric} ${policy.comparison ?? ''} ${policy.threshold}`;
	}
	return policy.schedules ? `${policy.schedules.length} schedule(s)` : '';
}
