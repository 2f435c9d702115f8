package io.capacitypilot.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.engine.ScalingRules.LimitType;
import io.capacitypilot.engine.ScalingRules.RateLimit;
import io.capacitypilot.engine.ScalingRules.SelectPolicy;

/**
 * Rate limits with the HPA's semantics: each limit allows {@code value} instances (or percent of
 * the capacity at the start of its period) of change per period, counting the changes already made
 * in that period; {@code max} picks the limit allowing the most change, {@code min} the least, and
 * {@code disabled} forbids scaling in that direction. A percent limit always allows one instance,
 * so that a group of one or two can move at all.
 */
final class RateLimitGuardrail implements Guardrail {

	@Override
	public Optional<GuardrailEffect> apply(int value, Cycle cycle) {
		Direction direction = cycle.directionTo(value);
		if (direction == Direction.NONE) {
			return Optional.empty();
		}
		ScalingRules rules = cycle.behavior().rules(direction);
		String verb = (direction == Direction.OUT) ? "scaling out" : "scaling in";
		if (rules.selectPolicy() == SelectPolicy.DISABLED) {
			return Guardrail.effect("rate-limit", value, cycle.current(), verb + " is disabled",
					Map.of("selectPolicy", "disabled"));
		}
		RateLimit chosen = null;
		int chosenRoom = 0;
		for (RateLimit limit : rules.rateLimits()) {
			int room = room(limit, direction, cycle);
			boolean wider = (rules.selectPolicy() == SelectPolicy.MIN) ? room < chosenRoom : room > chosenRoom;
			if (chosen == null || wider) {
				chosen = limit;
				chosenRoom = room;
			}
		}
		if (chosen == null || Math.abs(value - cycle.current()) <= chosenRoom) {
			return Optional.empty();
		}
		int limited = (direction == Direction.OUT) ? cycle.current() + chosenRoom : cycle.current() - chosenRoom;
		String unit = (chosen.type() == LimitType.PERCENT) ? " %" : " instance(s)";
		return Guardrail.effect("rate-limit", value, limited,
				verb + " is limited to " + chosen.value() + unit + " per " + chosen.period().toSeconds() + " s",
				Map.of("limit", chosen.value(), "type", chosen.type().name(), "periodSeconds",
						chosen.period().toSeconds(), "room", chosenRoom));
	}

	/** How many instances the limit still lets the group move from its current capacity. */
	private static int room(RateLimit limit, Direction direction, Cycle cycle) {
		int current = cycle.current();
		int moved = moved(direction, cycle.history(), cycle.now().minus(limit.period()), cycle.now());
		if (direction == Direction.OUT) {
			int periodStart = current - moved;
			int bound = (limit.type() == LimitType.INSTANCES) ? periodStart + limit.value()
					: Math.max(periodStart + 1, Numbers.ceil(periodStart * (1 + limit.value() / 100.0)));
			return Math.max(0, bound - current);
		}
		int periodStart = current + moved;
		int bound = (limit.type() == LimitType.INSTANCES) ? periodStart - limit.value()
				: Math.min(periodStart - 1, (int) Math.floor(periodStart * (1 - limit.value() / 100.0)));
		return Math.max(0, current - bound);
	}

	/** Instances added (or removed) in {@code (from, to]}, by this service or anyone else. */
	private static int moved(Direction direction, History history, Instant from, Instant to) {
		int moved = 0;
		for (History.PastAction action : history.actions()) {
			if (action.at().isAfter(from) && !action.at().isAfter(to)) {
				int change = action.to() - action.from();
				moved += (direction == Direction.OUT) ? Math.max(0, change) : Math.max(0, -change);
			}
		}
		return moved;
	}

}
