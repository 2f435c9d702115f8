// Forms built from field specs. Each input is named by its JSON path (`metric.namespace`), so the
// API's problem `errors[].field` finds its input, and the message is shown next to it.

import { h } from './dom.js';

let nextId = 0;

/**
 * Renders fields into a form. A spec: {name, label, type: text|number|seconds|minutes|select|
 * checkbox|map|json|hidden, options, value, hint, required}.
 */
export function renderFields(container, fields) {
	container.append(...fields.map(fieldOf));
}

function fieldOf(spec) {
	const id = `f${++nextId}-${spec.name.replace(/[^a-zA-Z0-9]/g, '-')}`;
	const common = { id, name: spec.name, dataset: { type: spec.type || 'text' }, 'aria-describedby': spec.hint ? `${id}-hint` : undefined };
	if (spec.type === 'hidden') {
		return h('input', { ...common, type: 'hidden', value: spec.value });
	}
	let input;
	if (spec.type === 'select') {
		input = h('select', common, spec.options.map(([value, label]) => h('option', { value }, label)));
	}
	else if (spec.type === 'map' || spec.type === 'json') {
		input = h('textarea', { ...common, rows: spec.rows || 3, spellcheck: 'false' });
	}
	else if (spec.type === 'checkbox') {
		input = h('input', { ...common, type: 'checkbox' });
	}
	else {
		const numeric = ['number', 'seconds', 'minutes'].includes(spec.type);
		input = h('input', { ...common, type: numeric ? 'number' : 'text', step: numeric ? 'any' : undefined,
			inputmode: numeric ? 'decimal' : undefined, autocomplete: 'off' });
	}
	if (spec.required) {
		input.setAttribute('aria-required', 'true');
	}
	setValue(input, spec.value);
	const label = h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
	const hint = spec.hint ? h('p', { class: 'hint', id: `${id}-hint` }, spec.hint) : null;
	return h('div', { class: `field field-${spec.type || 'text'}` },
		spec.type === 'checkbox' ? [input, label, hint] : [label, input, hint]);
}

/** The form as a JSON body: empty inputs are left out so the API applies its defaults. */
export function readForm(form) {
	const body = {};
	for (const input of form.elements) {
		if (!input.name || input.disabled || input.closest('[hidden]')) {
			continue;
		}
		const value = valueOf(input);
		if (value !== undefined) {
			setPath(body, input.name, value);
		}
	}
	return body;
}

export function fillForm(form, object) {
	for (const input of form.elements) {
		if (input.name && input.type !== 'hidden') {
			setValue(input, getPath(object, input.name));
		}
	}
}

function valueOf(input) {
	if (input.type === 'checkbox') {
		return input.checked;
	}
	const raw = input.value.trim();
	if (raw === '') {
		return undefined;
	}
	switch (input.dataset.type) {
		case 'number': return Number(raw);
		case 'seconds': return `PT${raw}S`;
		case 'minutes': return `PT${raw}M`;
		case 'map': return Object.fromEntries(raw.split('\n').map((line) => line.trim()).filter(Boolean)
			.map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]));
		case 'json': return JSON.parse(raw);
		default: return raw;
	}
}

function setValue(input, value) {
	if (value === undefined || value === null) {
		if (input.type === 'checkbox') {
			input.checked = false;
		}
		else if (input.tagName !== 'SELECT') {
			input.value = '';
		}
		return;
	}
	switch (input.dataset.type) {
		case 'checkbox': input.checked = Boolean(value); break;
		case 'seconds': input.value = secondsOf(value); break;
		case 'minutes': input.value = secondsOf(value) / 60; break;
		case 'map': input.value = Object.entries(value).map(([key, entry]) => `${key}=${entry}`).join('\n'); break;
		case 'json': input.value = typeof value === 'string' ? value : JSON.stringify(value, null, 2); break;
		default: input.value = value;
	}
}

/** Seconds in an ISO-8601 duration such as PT1M30S (or a number of seconds). */
export function secondsOf(duration) {
	if (typeof duration === 'number') {
		return duration;
	}
	const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(duration);
	if (!match) {
		return duration;
	}
	const [, days, hours, minutes, seconds] = match.map((part) => Number(part || 0));
	return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/**
 * What to send back when a form edits only part of a resource: the original without the
 * top-level properties the form owns, overlaid with what the form says (so a cleared optional
 * input is cleared, and what the form does not show is kept).
 */
export function edited(original, fields, body) {
	const kept = { ...original };
	for (const field of fields) {
		delete kept[field.name.split('.')[0]];
	}
	return { ...kept, ...body };
}

function setPath(object, path, value) {
	const keys = path.split('.');
	let target = object;
	for (const key of keys.slice(0, -1)) {
		target = target[key] ??= {};
	}
	target[keys.at(-1)] = value;
}

function getPath(object, path) {
	return path.split('.').reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), object);
}

/**
 * Submits a form: reads it, calls `send(body)`, and shows the API's messages next to the fields
 * (or in the form's summary when no field matches). Resolves to the API's answer, or null.
 * `read` turns the form into the body; a policy typed as JSON reads its textarea instead.
 */
export async function submitForm(form, send, read = readForm) {
	clearErrors(form);
	const summary = form.querySelector('.form-summary');
	let body;
	try {
		body = read(form);
	}
	catch (error) {
		// Only a JSON textarea can fail to read.
		const field = form.querySelector('[data-type="json"]:not([disabled])');
		showFieldError(form, field, `not valid JSON: ${error.message}`);
		field?.focus();
		return null;
	}
	try {
		const result = await send(body);
		if (summary) {
			summary.textContent = 'Saved.';
			summary.dataset.kind = 'ok';
		}
		return result ?? {};
	}
	catch (error) {
		showErrors(form, error);
		return null;
	}
}

export function showErrors(form, error) {
	const unmatched = [];
	let first = null;
	for (const { field, message } of error.fieldErrors || []) {
		const input = inputFor(form, field);
		if (input) {
			showFieldError(form, input, message);
			first ??= input;
		}
		else {
			unmatched.push(field ? `${field}: ${message}` : message);
		}
	}
	const summary = form.querySelector('.form-summary');
	if (summary) {
		const lines = unmatched.length ? unmatched : (first ? [] : [error.message]);
		summary.textContent = first ? ['Please correct the marked fields.', ...lines].join(' ') : lines.join(' ');
		summary.dataset.kind = 'error';
	}
	first?.focus();
}

/** The input for a field path; a JSON textarea answers for every field it contains. */
function inputFor(form, field) {
	if (!field) {
		return null;
	}
	const visible = (input) => input && !input.disabled && !input.closest('[hidden]') && input.type !== 'hidden';
	const exact = form.querySelector(`[name="${CSS.escape(field)}"]`);
	if (visible(exact)) {
		return exact;
	}
	// A nested path such as metric.dimensions.Name or steps[0].lowerBound: its nearest named parent.
	const parts = field.split(/[.[]/);
	for (let length = parts.length - 1; length > 0; length--) {
		const parent = form.querySelector(`[name="${CSS.escape(parts.slice(0, length).join('.'))}"]`);
		if (visible(parent)) {
			return parent;
		}
	}
	const json = form.querySelector('[data-type="json"]');
	return visible(json) ? json : null;
}

function showFieldError(form, input, message) {
	if (!input) {
		return;
	}
	const id = `${input.id}-error`;
	let error = form.querySelector(`#${CSS.escape(id)}`);
	if (!error) {
		error = h('p', { class: 'field-error', id });
		input.closest('.field').append(error);
	}
	error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
	input.setAttribute('aria-invalid', 'true');
	const described = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
	described.add(id);
	input.setAttribute('aria-describedby', [...described].join(' '));
}

export function clearErrors(form) {
	form.querySelectorAll('.field-error').forEach((error) => error.remove());
	form.querySelectorAll('[aria-invalid]').forEach((input) => {
		input.removeAttribute('aria-invalid');
		const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.endsWith('-error'));
		if (described.length) {
			input.setAttribute('aria-describedby', described.join(' '));
		}
		else {
			input.removeAttribute('aria-describedby');
		}
	});
	const summary = form.querySelector('.form-summary');
	if (summary) {
		summary.textContent = '';
		delete summary.dataset.kind;
	}
}
