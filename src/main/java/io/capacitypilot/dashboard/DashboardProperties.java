package io.capacitypilot.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard's live feed.
 *
 * @param heartbeat how often an idle stream gets a comment line, so that proxies and load
 * balancers do not close it and dead clients are found (a failed write removes them)
 * @param streamTimeout how long one stream stays open; the browser's {@code EventSource}
 * reconnects by itself, so a finite value only bounds how long a forgotten tab holds a stream
 * @param backlog how many events may wait for one slow client before it is dropped (its browser
 * reconnects and reloads what it missed)
 * @param followInterval how often a follower replica reads the decisions the leader stored, for its
 * own feed: how late a dashboard served by a follower shows them at most
 */
@ConfigurationProperties("capacitypilot.dashboard")
public record DashboardProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration streamTimeout,
		@DefaultValue("256") int backlog, @DefaultValue("1s") Duration followInterval) {
}
