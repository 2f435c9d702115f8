/**
 * Scaling quality, measured: replays a load trace through a model of the fleet and any autoscaler
 * (the production engine or a faithful reference: AWS target tracking, the Kubernetes HPA, static
 * capacity, a perfect-foresight oracle) and scores it with the SPEC Research Group elasticity
 * metrics. Free of Spring and I/O but for reading trace files, so that it runs from the command
 * line as well as behind the API.
 */
package io.capacitypilot.simulation;
