package io.capacitypilot.groups;

/** Published after a group and its policies were deleted, so that what hangs off it can follow. */
public record GroupDeleted(String name) {
}
