package io.millwright.server.audit;

/**
 * The result of recomputing a chain.
 *
 * @param intact true when every entry links to its predecessor and hashes to what it stores
 * @param entriesChecked how many entries were read
 * @param firstBrokenSeq the position of the first entry that does not verify, or null
 * @param firstBrokenId that entry's id, or null
 * @param reason why it does not verify, or null
 */
public record AuditVerdict(
    boolean intact,
    long entriesChecked,
    Long firstBrokenSeq,
    String firstBrokenId,
    String reason) {}
