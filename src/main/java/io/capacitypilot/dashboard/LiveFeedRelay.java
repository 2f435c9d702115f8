package io.capacitypilot.dashboard;

import io.capacitypilot.control.DecisionRecorded;
import io.capacitypilot.control.DecisionView;
import io.capacitypilot.control.ScaleInProgressed;
import io.capacitypilot.leases.LeaseChanged;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns the application's events into live-feed events, in the shapes the REST API returns. */
@Component
class LiveFeedRelay {

	private final LiveFeed feed;

	private final JsonMapper json;

	LiveFeedRelay(LiveFeed feed, JsonMapper json) {
		this.feed = feed;
		this.json = json;
	}

	@EventListener
	void onDecision(DecisionRecorded event) {
		this.feed.publish("decision", DecisionView.of(event.decision(), event.steps(), this.json));
	}

	@EventListener
	void onScaleInProgress(ScaleInProgressed event) {
		this.feed.publish("decision-updated", DecisionView.of(event.decision(), event.steps(), this.json));
	}

	@EventListener
	void onLease(LeaseChanged event) {
		this.feed.publish("lease", event.lease());
	}

}
