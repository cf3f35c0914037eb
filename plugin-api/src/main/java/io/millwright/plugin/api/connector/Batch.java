package io.millwright.plugin.api.connector;

import java.util.List;
import java.util.Objects;

/**
 * What one poll read.
 *
 * @param records in source order, at most the number asked for
 * @param next where the next poll starts once these records are committed; the same offset as given
 *     when nothing was read, or, on a first poll ({@code after} null) that found nothing, an offset
 *     that means "the start" in the connector's own terms (never null)
 * @param more the source has more records right now: the host polls again at once instead of
 *     waiting for the schedule (a backfill)
 */
public record Batch(List<SourceRecord> records, Offset next, boolean more) {

  public Batch {
    records = List.copyOf(records);
    Objects.requireNonNull(next, "next");
  }
}
