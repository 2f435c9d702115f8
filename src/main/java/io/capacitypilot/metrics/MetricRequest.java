package io.capacitypilot.metrics;

import java.time.Duration;

import io.capacitypilot.engine.MetricQuery;

/** One query to answer, with how far back its datapoints must reach. */
public record MetricRequest(MetricQuery query, Duration lookback) {
}
