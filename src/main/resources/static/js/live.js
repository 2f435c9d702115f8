// The live feed (/api/v1/events): named server-sent events, with the connection state shown to
// people. EventSource reconnects by itself; events missed meanwhile are caught up by `resync`.

export function connectLive({ status, resync, ...handlers }) {
	const source = new EventSource('/api/v1/events');
	let dropped = false;
	for (const [name, handler] of Object.entries(handlers)) {
		source.addEventListener(name, (event) => handler(JSON.parse(event.data)));
	}
	source.addEventListener('open', () => {
		show(status, 'Live', 'live');
		if (dropped && resync) {
			resync();
		}
		dropped = false;
	});
	source.addEventListener('error', () => {
		dropped = true;
		show(status, 'Reconnecting…', 'offline');
	});
	return source;
}

function show(element, text, state) {
	if (element) {
		element.textContent = text;
		element.dataset.state = state;
	}
}
