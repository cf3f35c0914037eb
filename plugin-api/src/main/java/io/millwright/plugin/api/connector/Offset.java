package io.millwright.plugin.api.connector;

import java.util.Objects;

/**
 * Where a polling source has read up to, in the connector's own terms (a watermark and key, a
 * cursor, a file name). The host stores it in the same transaction as the dataset commit that holds
 * the records before it, and hands it back after a restart.
 *
 * @param value opaque to the host, at most 4096 characters; JSON is a good choice
 */
public record Offset(String value) {

  public static final int MAX_LENGTH = 4096;

  public Offset {
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("offset longer than " + MAX_LENGTH + " characters");
    }
  }
}
