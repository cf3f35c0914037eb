package io.millwright.server.datasets.ingest;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Conventions of one upload that the text alone cannot reveal.
 *
 * @param dateOrder how to read ambiguous slash and dot dates
 * @param decimalSeparator '.' or ','; the other one (and spaces, apostrophes) may group thousands
 * @param zone applied to timestamps written without an offset
 */
public record ParseOptions(DateOrder dateOrder, char decimalSeparator, ZoneId zone) {

  public ParseOptions {
    Objects.requireNonNull(dateOrder, "dateOrder");
    Objects.requireNonNull(zone, "zone");
    if (decimalSeparator != '.' && decimalSeparator != ',') {
      throw new IllegalArgumentException("decimalSeparator must be '.' or ','");
    }
  }

  public ParseOptions withDateOrder(DateOrder order) {
    return new ParseOptions(order, decimalSeparator, zone);
  }
}
