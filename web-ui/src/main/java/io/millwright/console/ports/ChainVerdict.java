package io.millwright.console.ports;

/** The outcome of recomputing a tenant's audit chain. */
public record ChainVerdict(
    boolean intact, long entriesChecked, Long firstBrokenSeq, String reason) {}
