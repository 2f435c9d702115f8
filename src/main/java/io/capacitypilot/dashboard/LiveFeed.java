package io.capacitypilot.dashboard;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * The open server-sent-event streams. Publishing only queues: each stream is written by its own
 * virtual thread, so a client that stops reading can never hold up the control loop that
 * publishes. A stream that completes, times out, fails a write or falls too far behind is dropped.
 */
@Component
public class LiveFeed {

	private static final Log logger = LogFactory.getLog(LiveFeed.class);

	private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

	private final DashboardProperties properties;

	LiveFeed(DashboardProperties properties) {
		this.properties = properties;
	}

	/** Opens a stream; it stays registered until it completes, times out, fails or falls behind. */
	public SseEmitter subscribe() {
		Subscriber subscriber = new Subscriber(new SseEmitter(this.properties.streamTimeout().toMillis()),
				this.properties.backlog());
		subscriber.emitter.onCompletion(() -> forget(subscriber));
		subscriber.emitter.onTimeout(() -> forget(subscriber));
		subscriber.emitter.onError((ex) -> forget(subscriber));
		this.subscribers.add(subscriber);
		// An immediate first line makes the response start now, so clients know they are connected.
		subscriber.offer(SseEmitter.event().comment("connected"));
		subscriber.start();
		return subscriber.emitter;
	}

	/** Queues one named event with a JSON body for every open stream. */
	public void publish(String name, Object data) {
		this.subscribers.forEach((subscriber) -> offer(subscriber,
				SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON)));
	}

	/** The number of open streams. */
	public int size() {
		return this.subscribers.size();
	}

	@Scheduled(fixedRateString = "${capacitypilot.dashboard.heartbeat:15s}")
	void heartbeat() {
		this.subscribers.forEach((subscriber) -> offer(subscriber, SseEmitter.event().comment("heartbeat")));
	}

	/**
	 * Ends every stream when the application shuts down: open streams are active requests, and a
	 * graceful shutdown would otherwise wait its whole timeout for them. Browsers reconnect.
	 */
	@EventListener(ContextClosedEvent.class)
	void completeAll() {
		this.subscribers.forEach(this::end);
	}

	private void offer(Subscriber subscriber, SseEventBuilder event) {
		if (!subscriber.offer(event)) {
			logger.debug("Dropping a live-feed stream whose client fell " + this.properties.backlog() + " events behind");
			end(subscriber);
		}
	}

	private void end(Subscriber subscriber) {
		forget(subscriber);
		try {
			subscriber.emitter.complete();
		}
		catch (IllegalStateException ex) {
			// The container ended the request on a network error before this did: nothing is left to
			// complete, and the publisher must not fail for one client's broken connection.
			logger.debug("A live-feed stream had already ended: " + ex.getMessage());
		}
	}

	private void forget(Subscriber subscriber) {
		this.subscribers.remove(subscriber);
		subscriber.stop();
	}

	/** One stream with the events still to be written to it, and the thread that writes them. */
	private final class Subscriber {

		private final SseEmitter emitter;

		private final BlockingQueue<SseEventBuilder> backlog;

		private final Thread writer;

		Subscriber(SseEmitter emitter, int backlog) {
			this.emitter = emitter;
			this.backlog = new ArrayBlockingQueue<>(backlog);
			this.writer = Thread.ofVirtual().name("live-feed-writer").unstarted(this::write);
		}

		boolean offer(SseEventBuilder event) {
			return this.backlog.offer(event);
		}

		void start() {
			this.writer.start();
		}

		void stop() {
			this.writer.interrupt();
		}

		private void write() {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					this.emitter.send(this.backlog.take());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException | IllegalStateException ex) {
				logger.debug("Dropping a live-feed stream that could not be written to", ex);
				forget(this);
			}
		}

	}

}
