package io.millwright.plugin.api.connector;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pushed request the source accepted.
 *
 * @param id the sender's id for this delivery (a signed header or body field): the host refuses a
 *     second delivery with the same id, which is what stops replays
 * @param sentAt when the sender signed it: the host refuses deliveries older than the connection's
 *     tolerance
 * @param records what it carries
 */
public record PushDelivery(String id, Instant sentAt, List<SourceRecord> records) {

  public PushDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sentAt, "sentAt");
    records = List.copyOf(records);
  }
}
