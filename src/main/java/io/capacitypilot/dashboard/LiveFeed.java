package io.capacitypilot.dashboard;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent-event streams. Each event goes to every stream; a stream that completes,
 * times out or fails to take a write is dropped, so a closed browser tab costs nothing for long.
 */
@Component
public class LiveFeed {

	private static final Log logger = LogFactory.getLog(LiveFeed.class);

	private final Set<SseEmitter> emitters = new CopyOnWriteArraySet<>();

	private final DashboardProperties properties;

	LiveFeed(DashboardProperties properties) {
		this.properties = properties;
	}

	/** Opens a stream; it stays registered until it completes, times out or fails. */
	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		// An immediate first line makes the response start now, so clients know they are connected.
		send(emitter, SseEmitter.event().comment("connected"));
		return emitter;
	}

	/** Sends one named event with a JSON body to every open stream. */
	public void publish(String name, Object data) {
		this.emitters.forEach((emitter) -> send(emitter, SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON)));
	}

	/** The number of open streams. */
	public int size() {
		return this.emitters.size();
	}

	@Scheduled(fixedRateString = "${capacitypilot.dashboard.heartbeat:15s}")
	void heartbeat() {
		this.emitters.forEach((emitter) -> send(emitter, SseEmitter.event().comment("heartbeat")));
	}

	/**
	 * Ends every stream when the application shuts down: open streams are active requests, and a
	 * graceful shutdown would otherwise wait its whole timeout for them. Browsers reconnect.
	 */
	@EventListener(ContextClosedEvent.class)
	void completeAll() {
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// The container reports the failure to the emitter and completes it; only forget it here.
			logger.debug("Dropping a live-feed stream that could not be written to", ex);
			this.emitters.remove(emitter);
		}
	}

}
