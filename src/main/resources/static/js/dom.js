// Small DOM and formatting helpers. Text always goes in as text nodes, never as HTML.

export function h(tag, props = {}, ...children) {
	const element = document.createElement(tag);
	for (const [key, value] of Object.entries(props)) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (key === 'class') {
			element.className = value;
		}
		else if (key === 'dataset') {
			Object.assign(element.dataset, value);
		}
		else if (key.startsWith('on')) {
			element.addEventListener(key.slice(2), value);
		}
		else {
			element.setAttribute(key, value === true ? '' : value);
		}
	}
	element.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
	return element;
}

export function timeOf(iso) {
	return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—';
}

export function dateTimeOf(iso) {
	return iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' }) : '—';
}

/** A <time> element that shows the local time and carries the ISO instant. */
export function timeElement(iso, format = timeOf) {
	return h('time', { datetime: iso, title: iso ? dateTimeOf(iso) : undefined }, format(iso));
}

export function modeBadge(mode) {
	return h('span', { class: `badge mode-${mode}` }, mode);
}

export function numberOr(value, fallback = '—') {
	return value === undefined || value === null ? fallback : String(value);
}

/** Shows a message in a status region (role=status/alert) for a while. */
export function announce(region, text, kind = 'ok') {
	region.textContent = text;
	region.dataset.kind = kind;
}
