package io.capacitypilot.leases;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One server-sent event stream of a lease's progress: an event named {@code lease} carrying the
 * lease each time its state or counts change, until it is ready, expired or released.
 */
final class LeaseProgress {

	private final SseEmitter emitter;

	private Lease last;

	private boolean ended;

	LeaseProgress(SseEmitter emitter) {
		this.emitter = emitter;
	}

	synchronized void send(Lease lease) {
		if (this.ended || lease.equals(this.last)) {
			return;
		}
		try {
			this.emitter.send(SseEmitter.event().name("lease").data(lease, MediaType.APPLICATION_JSON));
			this.last = lease;
			if (lease.state() != LeaseState.PROVISIONING) {
				this.ended = true;
				this.emitter.complete();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away or the stream timed out: nothing more to say.
			this.ended = true;
			this.emitter.completeWithError(ex);
		}
	}

}
