package io.capacitypilot.control;

/** Published after a decision is stored, for live views (the dashboard's feed). */
public record DecisionRecorded(Decision decision) {
}
