package io.capacitypilot.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.engine.ScheduledPolicy.Schedule;

/**
 * Scheduled windows: while a window is active, its desired capacity is the policy's opinion, its
 * minimum a floor and its maximum replaces the group's. When several windows are active the
 * largest of each wins, so overlapping events add up to the bigger one.
 */
final class Schedules {

	static final String TYPE = "scheduled";

	/** Parsed expressions: a group's schedules are evaluated every cycle and rarely change. */
	private static final Map<String, Cron> PARSED = new ConcurrentHashMap<>();

	private Schedules() {
	}

	/** A window of a schedule that contains a given instant. */
	record Window(int index, Schedule schedule, Instant start, Instant end) {
	}

	static Opinion evaluate(ScheduledPolicy policy, EvaluationInput input) {
		Integer desired = null;
		Integer floor = null;
		Integer ceiling = null;
		List<Reason> reasons = new ArrayList<>();
		boolean active = false;
		for (int i = 0; i < policy.schedules().size(); i++) {
			Optional<Window> window;
			try {
				window = activeWindow(i, policy.schedules().get(i), input.now());
			}
			catch (IllegalArgumentException ex) {
				// The API rejects such a schedule; a stored one is skipped, not allowed to stop the group.
				reasons.add(new Reason(TYPE + ".invalid", policy.name() + ": schedule #" + (i + 1)
						+ " is skipped: " + ex.getMessage(), Map.of("schedule", i)));
				continue;
			}
			if (window.isPresent()) {
				Schedule schedule = window.get().schedule();
				desired = larger(desired, schedule.desiredCapacity());
				floor = larger(floor, schedule.minCapacity());
				ceiling = larger(ceiling, schedule.maxCapacity());
				reasons.add(reason(policy, window.get()));
				active = true;
			}
		}
		if (!active) {
			reasons.add(new Reason(TYPE + ".outside-windows",
					policy.name() + ": none of its " + policy.schedules().size() + " schedule(s) is active",
					Map.of("schedules", policy.schedules().size())));
		}
		return new Opinion(policy, new Recommendation(policy.name(), desired, false, reasons), false, floor, ceiling,
				null);
	}

	/**
	 * The window of the schedule that contains {@code now}: the latest start within one duration.
	 * @throws IllegalArgumentException if the schedule is inconsistent
	 */
	static Optional<Window> activeWindow(int index, Schedule schedule, Instant now) {
		if ((schedule.cron() == null) == (schedule.at() == null)) {
			throw new IllegalArgumentException("exactly one of cron and at must be set");
		}
		if (schedule.duration() == null || schedule.duration().isNegative() || schedule.duration().isZero()) {
			throw new IllegalArgumentException("duration must be positive");
		}
		Instant earliest = now.minus(schedule.duration());
		Optional<Instant> start;
		if (schedule.at() != null) {
			start = Optional.of(schedule.at()).filter((at) -> at.isAfter(earliest) && !at.isAfter(now));
		}
		else {
			Cron cron = PARSED.computeIfAbsent(schedule.cron(), Cron::parse);
			start = cron.latest(earliest, now, (schedule.zone() != null) ? schedule.zone() : ZoneOffset.UTC);
		}
		return start.map((from) -> new Window(index, schedule, from, from.plus(schedule.duration())));
	}

	private static Reason reason(ScheduledPolicy policy, Window window) {
		Schedule schedule = window.schedule();
		String when = (schedule.at() != null) ? "at " + schedule.at()
				: "'" + schedule.cron() + "' in " + ((schedule.zone() != null) ? schedule.zone() : ZoneOffset.UTC);
		Map<String, Object> settings = new LinkedHashMap<>();
		putIfSet(settings, "minCapacity", schedule.minCapacity());
		putIfSet(settings, "maxCapacity", schedule.maxCapacity());
		putIfSet(settings, "desiredCapacity", schedule.desiredCapacity());
		String start = window.start().toString();
		String end = window.end().toString();
		Map<String, Object> figures = new LinkedHashMap<>(settings);
		figures.put("schedule", window.index());
		figures.put("start", start);
		figures.put("end", end);
		return new Reason(TYPE + ".window", policy.name() + ": schedule #" + (window.index() + 1) + " (" + when
				+ ") is active from " + start + " to " + end + " with " + settings, figures);
	}

	private static void putIfSet(Map<String, Object> settings, String name, Integer value) {
		if (value != null) {
			settings.put(name, value);
		}
	}

	private static Integer larger(Integer current, Integer candidate) {
		if (candidate == null) {
			return current;
		}
		return (current == null) ? candidate : Math.max(current, candidate);
	}

}
