package io.capacitypilot.control;

import java.util.List;

import io.capacitypilot.actuation.ActuationStep;

/**
 * Published after a decision is stored, for live views (the dashboard's feed): by the leader that
 * stored it, and by each follower once it has read it.
 *
 * @param steps the steps of its scale-in as far as they went at once; empty for other actions
 */
public record DecisionRecorded(Decision decision, List<ActuationStep> steps) {
}
