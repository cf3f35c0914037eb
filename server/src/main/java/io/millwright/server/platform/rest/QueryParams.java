package io.millwright.server.platform.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses query parameters into typed values, refusing bad ones with a 400 that names them. */
public final class QueryParams {

  private QueryParams() {}

  /** Accepts an ISO instant ({@code 2026-11-29T10:00:00Z}) or a date (start of day, UTC). */
  public static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new ProblemException(
            Problem.badRequest(
                "'"
                    + name
                    + "' must be an ISO-8601 instant like 2026-11-29T10:00:00Z or a date like 2026-11-29."));
      }
    }
  }

  /** Parses an optional whole number, refusing text with a 400 that names the parameter. */
  public static Integer integer(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new ProblemException(Problem.badRequest("'" + name + "' must be a whole number."));
    }
  }

  public static int bounded(String name, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new ProblemException(
          Problem.badRequest(
              "'" + name + "' must be between " + min + " and " + max + ", was " + v + "."));
    }
    return v;
  }

  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
