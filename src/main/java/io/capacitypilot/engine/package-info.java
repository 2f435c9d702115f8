/**
 * The policy engine: a pure function from (fleet state, metric windows, policies, history, leases,
 * now) to an {@link io.capacitypilot.engine.Evaluation}. No Spring, no AWS, no I/O; time is always
 * passed in. Everything else in the service feeds this package or acts on what it returns.
 */
package io.capacitypilot.engine;
