package io.millwright.plugin.api.connector;

/** The type of a configuration value; the host validates values against it before use. */
public enum OptionType {
  /** One line of text. */
  TEXT,
  /** Several lines: a query, a template, a certificate. */
  MULTILINE_TEXT,
  /** A whole number (Java {@code long}). */
  INTEGER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** An ISO-8601 duration ({@code PT30S}) or a short form ({@code 30s}, {@code 5m}, {@code 1h}). */
  DURATION,
  /** An absolute URI: {@code jdbc:...}, {@code https://...}, {@code tcp://...}. */
  URI,
  /** One of {@link ConfigOption#choices()}. */
  CHOICE
}
