package io.millwright.metering.ledger;

/**
 * What one call to {@link UsageLedger#record} did with the events it was given.
 *
 * @param recorded events that were new and are now in the ledger
 * @param duplicates events whose {@code (tenant, event id)} was already recorded (earlier, or
 *     earlier in the same list) and were therefore left out; the first recording wins
 */
public record RecordResult(int recorded, int duplicates) {

  public RecordResult {
    if (recorded < 0 || duplicates < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, were recorded=%d duplicates=%d".formatted(recorded, duplicates));
    }
  }

  /** The number of events the call was given. */
  public int total() {
    return recorded + duplicates;
  }
}
