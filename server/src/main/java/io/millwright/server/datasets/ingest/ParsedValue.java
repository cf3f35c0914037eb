package io.millwright.server.datasets.ingest;

/**
 * The outcome of standardizing one cell: a typed value, a missing value (null), or the reason the
 * text is not a value of the column's type. Bad data is ordinary input here, so it is a result
 * rather than an exception.
 *
 * @param value String, Long, Double, Boolean, LocalDate or OffsetDateTime; null when missing or
 *     failed
 * @param failure null, or why the text was rejected, written for the person who uploaded it
 */
public record ParsedValue(Object value, String failure) {

  private static final ParsedValue MISSING = new ParsedValue(null, null);

  public static ParsedValue of(Object value) {
    return new ParsedValue(value, null);
  }

  public static ParsedValue missing() {
    return MISSING;
  }

  public static ParsedValue failed(String reason) {
    return new ParsedValue(null, reason);
  }

  public boolean isFailure() {
    return failure != null;
  }

  public boolean isMissing() {
    return value == null && failure == null;
  }
}
