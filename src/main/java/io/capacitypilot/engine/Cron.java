package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Spring-style six-field cron expression ({@code second minute hour day-of-month month
 * day-of-week}) matched in a time zone, with java.time only so that the engine stays free of
 * Spring. Fields take {@code *}, {@code ?}, values, ranges, lists and steps ({@code 0/15},
 * {@code 1-5/2}); months and days take names ({@code JAN}, {@code MON-FRI}); Sunday is {@code 0}
 * or {@code 7}; day of month and day of week must both match, as in Spring. The macros
 * {@code @yearly}, {@code @monthly}, {@code @weekly}, {@code @daily} and {@code @hourly} work too.
 * <p>
 * Across daylight-saving changes a fire time follows java.time's resolution of the local time: a
 * time skipped by a spring-forward gap fires the gap's length later (02:30 becomes 03:30), and a
 * time repeated by a fall-back overlap fires once, at its first occurrence.
 */
public final class Cron {

	private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *",
			"@monthly", "0 0 0 1 * *", "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *",
			"@hourly", "0 0 * * * *");

	private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
			"OCT", "NOV", "DEC");

	private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

	/** The offset of each zone in force for a while around the last instant asked about. */
	private static final Map<ZoneId, SteadyOffset> STEADY_OFFSETS = new ConcurrentHashMap<>();

	/** The days on which clocks spring forward, by zone and year: every evaluation asks. */
	private static final Map<ZoneYear, Set<LocalDate>> GAP_DAYS = new ConcurrentHashMap<>();

	private final String expression;

	private final long seconds;

	private final long minutes;

	private final long hours;

	private final long daysOfMonth;

	private final long months;

	/** Bit {@code n} for ISO day {@code n}, Monday 1 to Sunday 7. */
	private final long daysOfWeek;

	private Cron(String expression, String[] fields) {
		this.expression = expression;
		this.seconds = CronField.SECOND.parse(fields[0]);
		this.minutes = CronField.MINUTE.parse(fields[1]);
		this.hours = CronField.HOUR.parse(fields[2]);
		this.daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[3]);
		this.months = CronField.MONTH.parse(fields[4]);
		long days = CronField.DAY_OF_WEEK.parse(fields[5]);
		this.daysOfWeek = ((days & 1L) != 0) ? (days | (1L << 7)) & ~1L : days;
	}

	/**
	 * Parses an expression.
	 * @throws IllegalArgumentException naming the field that is wrong
	 */
	public static Cron parse(String expression) {
		if (expression == null || expression.isBlank()) {
			throw new IllegalArgumentException("cron expression must not be empty");
		}
		String trimmed = expression.trim();
		String[] fields = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed).split("\\s+");
		if (fields.length != 6) {
			throw new IllegalArgumentException("cron expression '" + expression
					+ "' must have six fields (second minute hour day-of-month month day-of-week), found "
					+ fields.length);
		}
		return new Cron(trimmed, fields);
	}

	public String expression() {
		return this.expression;
	}

	public boolean matches(LocalDateTime time) {
		return matches(time.toLocalDate()) && has(this.hours, time.getHour()) && has(this.minutes, time.getMinute())
				&& has(this.seconds, time.getSecond());
	}

	/** The latest fire time in {@code (after, notAfter]}, if any. */
	public Optional<Instant> latest(Instant after, Instant notAfter, ZoneId zone) {
		LocalDateTime end = LocalDateTime.ofEpochSecond(notAfter.getEpochSecond(), notAfter.getNano(),
				SteadyOffset.at(notAfter, zone));
		// A day of slack covers any offset change between the two ends.
		LocalDate first = end.minusSeconds(Duration.between(after, notAfter).getSeconds()).toLocalDate().minusDays(1);
		for (LocalDate date = end.toLocalDate(); !date.isBefore(first); date = date.minusDays(1)) {
			if (matches(date)) {
				// Local times resolve to later instants only by a gap's length, never more than two hours.
				int fromHour = date.equals(end.toLocalDate()) ? Math.min(23, end.getHour() + 2) : 23;
				Instant latest = latestOn(date, fromHour, notAfter, zone);
				if (latest != null) {
					return latest.isAfter(after) ? Optional.of(latest) : Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

	private Instant latestOn(LocalDate date, int fromHour, Instant notAfter, ZoneId zone) {
		// Only on a spring-forward day can an earlier local time fire later, so only there is every
		// candidate looked at; elsewhere the first one not after the limit is the latest.
		boolean gap = hasGap(date, zone);
		Instant latest = null;
		for (int hour = fromHour; hour >= 0; hour--) {
			if (!has(this.hours, hour)) {
				continue;
			}
			for (int minute = 59; minute >= 0; minute--) {
				if (!has(this.minutes, minute)) {
					continue;
				}
				for (int second = 59; second >= 0; second--) {
					if (!has(this.seconds, second)) {
						continue;
					}
					Instant fire = SteadyOffset.resolve(LocalDateTime.of(date, LocalTime.of(hour, minute, second)), zone);
					if (!fire.isAfter(notAfter) && (latest == null || fire.isAfter(latest))) {
						latest = fire;
						if (!gap) {
							return latest;
						}
					}
				}
			}
		}
		return latest;
	}

	private boolean matches(LocalDate date) {
		return has(this.months, date.getMonthValue()) && has(this.daysOfMonth, date.getDayOfMonth())
				&& has(this.daysOfWeek, date.getDayOfWeek().getValue());
	}

	private static boolean hasGap(LocalDate date, ZoneId zone) {
		return GAP_DAYS.computeIfAbsent(new ZoneYear(zone, date.getYear()), ZoneYear::gapDays).contains(date);
	}

	private static boolean has(long bits, int value) {
		return (bits & (1L << value)) != 0;
	}

	@Override
	public String toString() {
		return this.expression;
	}

	/**
	 * A zone's offset over {@code [from, until)}, a span at least a day away from any transition, so
	 * that a local time inside it is neither skipped nor repeated. Remembered per zone because zone
	 * rules look transitions up afresh on every call, and every evaluation of a schedule asks.
	 */
	private record SteadyOffset(ZoneOffset offset, long from, long until) {

		private static final long MARGIN = 86_400;

		static ZoneOffset at(Instant instant, ZoneId zone) {
			SteadyOffset steady = STEADY_OFFSETS.get(zone);
			if (steady != null && steady.covers(instant.getEpochSecond())) {
				return steady.offset;
			}
			ZoneRules rules = zone.getRules();
			// Strictly before its argument: a transition at the very instant must count as previous.
			ZoneOffsetTransition previous = rules.previousTransition(instant.plusNanos(1));
			ZoneOffsetTransition next = rules.nextTransition(instant);
			steady = new SteadyOffset(rules.getOffset(instant),
					(previous != null) ? previous.toEpochSecond() + MARGIN : Long.MIN_VALUE,
					(next != null) ? next.toEpochSecond() - MARGIN : Long.MAX_VALUE);
			if (steady.covers(instant.getEpochSecond())) {
				STEADY_OFFSETS.put(zone, steady);
			}
			return steady.offset;
		}

		/** The instant of a local time as {@link ZonedDateTime#of} resolves it, without asking the rules when possible. */
		static Instant resolve(LocalDateTime local, ZoneId zone) {
			SteadyOffset steady = STEADY_OFFSETS.get(zone);
			if (steady != null) {
				long epochSecond = local.toEpochSecond(steady.offset);
				if (steady.covers(epochSecond)) {
					return Instant.ofEpochSecond(epochSecond);
				}
			}
			return ZonedDateTime.of(local, zone).toInstant();
		}

		private boolean covers(long epochSecond) {
			return epochSecond >= this.from && epochSecond < this.until;
		}

	}

	private record ZoneYear(ZoneId zone, int year) {

		Set<LocalDate> gapDays() {
			ZoneRules rules = this.zone.getRules();
			Instant end = LocalDate.of(this.year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
			Set<LocalDate> days = new HashSet<>();
			ZoneOffsetTransition transition = rules
				.nextTransition(LocalDate.of(this.year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(86400));
			while (transition != null && transition.getInstant().isBefore(end)) {
				if (transition.isGap()) {
					days.add(transition.getDateTimeBefore().toLocalDate());
				}
				transition = rules.nextTransition(transition.getInstant());
			}
			return Set.copyOf(days);
		}

	}

	/** One field's range and names, and how to parse it into a bit set. */
	private enum CronField {

		SECOND("second", 0, 59, List.of()), MINUTE("minute", 0, 59, List.of()), HOUR("hour", 0, 23, List.of()),
		DAY_OF_MONTH("day-of-month", 1, 31, List.of()), MONTH("month", 1, 12, MONTHS),
		DAY_OF_WEEK("day-of-week", 0, 7, DAYS);

		private final String label;

		private final int min;

		private final int max;

		private final List<String> names;

		CronField(String label, int min, int max, List<String> names) {
			this.label = label;
			this.min = min;
			this.max = max;
			this.names = names;
		}

		long parse(String field) {
			long bits = 0;
			for (String part : field.split(",", -1)) {
				bits |= parsePart(part, field);
			}
			return bits;
		}

		private long parsePart(String part, String field) {
			String range = part;
			int step = 1;
			int slash = part.indexOf('/');
			if (slash >= 0) {
				range = part.substring(0, slash);
				step = number(part.substring(slash + 1), field);
				if (step < 1) {
					throw invalid(field, "a step must be at least 1");
				}
			}
			int from;
			int to;
			if (range.equals("*") || (range.equals("?") && (this == DAY_OF_MONTH || this == DAY_OF_WEEK))) {
				from = this.min;
				to = this.max;
			}
			else {
				int dash = range.indexOf('-');
				from = value((dash >= 0) ? range.substring(0, dash) : range, field);
				to = (dash >= 0) ? value(range.substring(dash + 1), field) : ((slash >= 0) ? this.max : from);
			}
			if (from > to) {
				throw invalid(field, "range " + range + " runs backwards");
			}
			long bits = 0;
			for (int value = from; value <= to; value += step) {
				bits |= 1L << value;
			}
			return bits;
		}

		private int value(String text, String field) {
			int index = this.names.indexOf(text.toUpperCase(Locale.ROOT));
			int value = (index >= 0) ? index + ((this == MONTH) ? 1 : 0) : number(text, field);
			if (value < this.min || value > this.max) {
				throw invalid(field, value + " is outside " + this.min + "-" + this.max);
			}
			return value;
		}

		private int number(String text, String field) {
			try {
				return Integer.parseInt(text);
			}
			catch (NumberFormatException ex) {
				throw invalid(field, "'" + text + "' is not a number" + (this.names.isEmpty() ? "" : " or a name"));
			}
		}

		private IllegalArgumentException invalid(String field, String why) {
			return new IllegalArgumentException("cron " + this.label + " field '" + field + "': " + why);
		}

	}

}
