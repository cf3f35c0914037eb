package io.millwright.console.ports;

/**
 * What a run of a transform wrote into its target.
 *
 * @param version the target's version it committed; null if it wrote nothing
 */
public record TransformRunOutcome(
    String target, long rowsWritten, long rowsQuarantined, Long version) {}
