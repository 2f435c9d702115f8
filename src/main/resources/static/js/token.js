// The API token for changes, when the service asks for one (capacitypilot.security.tokens). Kept for
// this browser tab only (sessionStorage: gone when the tab closes, never sent to other sites).

import { h } from './dom.js';

const KEY = 'capacityPilot.apiToken';

export const storedToken = () => sessionStorage.getItem(KEY);

export function forgetToken() {
	sessionStorage.removeItem(KEY);
}

/** Asks for a token in a modal dialog; resolves to the token, or null when the user cancels. */
export function askForToken(reason) {
	return new Promise((resolve) => {
		const input = h('input', { type: 'password', id: 'api-token', name: 'token', autocomplete: 'off', required: true });
		const dialog = h('dialog', { class: 'token-dialog', 'aria-labelledby': 'token-title' },
			h('form', { method: 'dialog' },
				h('h2', { id: 'token-title' }, 'API token needed'),
				h('p', {}, reason),
				h('label', { for: 'api-token' }, 'API token'),
				input,
				h('div', { class: 'actions' },
					h('button', { type: 'submit', value: 'use' }, 'Use token'),
					h('button', { type: 'submit', value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel'))));
		dialog.addEventListener('close', () => {
			const token = dialog.returnValue === 'use' ? input.value.trim() : '';
			dialog.remove();
			if (token) {
				sessionStorage.setItem(KEY, token);
			}
			resolve(token || null);
		});
		document.body.append(dialog);
		dialog.showModal();
	});
}
