package io.capacitypilot.engine;

/**
 * What the engine needs to know of a group's own configuration.
 *
 * @param minCapacity a floor tighter than the ASG's own minimum, or {@code null}
 * @param maxCapacity a ceiling tighter than the ASG's own maximum, or {@code null}
 * @param behavior the group's behaviour; policies may override it
 */
public record GroupSettings(String name, Integer minCapacity, Integer maxCapacity, Behavior behavior, Mode mode) {
}
