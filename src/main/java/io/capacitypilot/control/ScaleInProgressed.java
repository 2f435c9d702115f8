package io.capacitypilot.control;

import java.util.List;

import io.capacitypilot.actuation.ActuationStep;

/**
 * Published when the steps of an earlier decision's scale-in moved on (a victim deregistered,
 * drained, terminated, or an attempt failed), after its outcome was settled if they all finished:
 * live views show a scale-in as it goes rather than as it started. Followers publish it too, for
 * their own live views, once they read the change.
 */
public record ScaleInProgressed(Decision decision, List<ActuationStep> steps) {
}
