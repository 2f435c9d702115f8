package io.capacitypilot.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that stands still until a test moves it, so that expiry, intervals and simulated time
 * pass without sleeping. Safe to read from the application's threads while a test moves it.
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/** A clock standing at the current second. */
	public MutableClock() {
		this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	public MutableClock(Instant now) {
		this.now = now;
	}

	/** Moves the clock on and returns the new time. */
	public synchronized Instant advance(Duration duration) {
		this.now = this.now.plus(duration);
		return this.now;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the test clock is UTC");
	}

}
