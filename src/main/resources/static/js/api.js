// The REST API as the pages use it: JSON in and out, problem details turned into an ApiError.

import { askForToken, forgetToken, storedToken } from './token.js';

export class ApiError extends Error {
	constructor(status, problem) {
		super(problem.detail || problem.title || `HTTP ${status}`);
		this.status = status;
		this.problem = problem;
	}

	/** The API's per-field messages: [{field, message}]. */
	get fieldErrors() {
		return Array.isArray(this.problem.errors) ? this.problem.errors : [];
	}
}

export async function request(method, path, body) {
	let response = await send(method, path, body);
	if (response.status === 401 && method !== 'GET') {
		// The service takes changes only with a token: ask once, then try again with it.
		forgetToken();
		const problem = await problemOf(response);
		if (await askForToken(problem.detail || 'This change needs an API token.')) {
			response = await send(method, path, body);
			if (response.status === 401) {
				forgetToken();
			}
		}
		else {
			throw new ApiError(response.status, problem);
		}
	}
	if (!response.ok) {
		throw new ApiError(response.status, await problemOf(response));
	}
	return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : null;
}

function send(method, path, body) {
	const headers = { Accept: 'application/json, application/problem+json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	const token = method === 'GET' ? null : storedToken();
	if (token) {
		headers.Authorization = `Bearer ${token}`;
	}
	return fetch(path, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

async function problemOf(response) {
	const type = response.headers.get('Content-Type') || '';
	return (type.includes('json') ? await response.json() : null) || { title: response.statusText };
}

export const get = (path) => request('GET', path);

/** A list response, whether the API returns a bare array or a page of items. */
export const itemsOf = (body) => (Array.isArray(body) ? body : (body?.items ?? []));

export function groupPath(name, ...rest) {
	return ['/api/v1/groups', encodeURIComponent(name), ...rest.map(encodeURIComponent)].join('/');
}

export const groups = {
	list: () => get('/api/v1/groups').then(itemsOf),
	get: (name) => get(groupPath(name)),
	create: (group) => request('POST', '/api/v1/groups', group),
	update: (name, group) => request('PUT', groupPath(name), group),
	setMode: (name, mode) => request('PUT', groupPath(name, 'mode'), { mode }),
	decisions: (name, size = 1) => get(`${groupPath(name, 'decisions')}?page=0&size=${size}`).then(itemsOf),
	policies: (name) => get(groupPath(name, 'policies')).then(itemsOf),
	savePolicy: (name, policy, existing) => (existing
		? request('PUT', groupPath(name, 'policies', existing), policy)
		: request('POST', groupPath(name, 'policies'), policy)),
	deletePolicy: (name, policy) => request('DELETE', groupPath(name, 'policies', policy)),
	leases: (name) => get(groupPath(name, 'leases')).then(itemsOf),
	createLease: (name, lease) => request('POST', groupPath(name, 'leases'), lease),
	releaseLease: (name, id) => request('DELETE', groupPath(name, 'leases', id)),
};
