package io.capacitypilot.fleet;

/**
 * An ELBv2 target group whose instance targets Capacity Pilot registers itself.
 *
 * @param port the port targets are registered on, or {@code null} for the target group's own
 */
public record TargetGroup(String arn, Integer port) {
}
