package io.capacitypilot.fleet;

/** Which Auto Scaling Group a managed group drives, and where. */
public record FleetTarget(String region, String autoScalingGroupName) {
}
