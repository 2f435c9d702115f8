package io.capacitypilot.dashboard;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live feed: every decision (and lease change) as a server-sent event, for the dashboard. */
@RestController
class LiveFeedController {

	private final LiveFeed feed;

	LiveFeedController(LiveFeed feed) {
		this.feed = feed;
	}

	@GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.feed.subscribe();
	}

}
