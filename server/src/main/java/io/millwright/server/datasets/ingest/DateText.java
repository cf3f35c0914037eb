package io.millwright.server.datasets.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date and timestamp spellings found in exports from spreadsheets, databases and logs.
 * Patterns are matched explicitly rather than by trying a list of formatters, so that the day/month
 * ambiguity of "01/03/2024" is decided in one visible place.
 */
final class DateText {

  private static final Pattern YEAR_FIRST =
      Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})");
  private static final Pattern YEAR_LAST =
      Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern DAY_MONTH_NAME =
      Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\\.?,?[ -](\\d{4})");
  private static final Pattern MONTH_NAME_DAY =
      Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})");
  private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d.*");
  private static final Pattern DATE_AND_TIME =
      Pattern.compile("(.+?)[ T](\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{10}");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{13}");

  /** ISO date-time with an optional offset written as Z, +01, +01:00 or +0100. */
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:mm", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          // SMART would read 2024-02-30 as 2024-02-29: a wrong date must fail, not move.
          .withResolverStyle(ResolverStyle.STRICT);

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("january", 1),
          Map.entry("feb", 2),
          Map.entry("february", 2),
          Map.entry("mar", 3),
          Map.entry("march", 3),
          Map.entry("apr", 4),
          Map.entry("april", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("june", 6),
          Map.entry("jul", 7),
          Map.entry("july", 7),
          Map.entry("aug", 8),
          Map.entry("august", 8),
          Map.entry("sep", 9),
          Map.entry("sept", 9),
          Map.entry("september", 9),
          Map.entry("oct", 10),
          Map.entry("october", 10),
          Map.entry("nov", 11),
          Map.entry("november", 11),
          Map.entry("dec", 12),
          Map.entry("december", 12));

  private final ParseOptions options;

  DateText(ParseOptions options) {
    this.options = options;
  }

  ParsedValue date(String text) {
    try {
      LocalDate date = dateOrNull(text);
      if (date != null) {
        return ParsedValue.of(date);
      }
      LocalDateTime local = localDateTimeOrNull(text);
      if (local != null) {
        // Exports often write a date column as "2024-03-01 00:00:00".
        return local.toLocalTime().equals(LocalTime.MIDNIGHT)
            ? ParsedValue.of(local.toLocalDate())
            : ParsedValue.failed("'" + text + "' has a time of day; the column holds dates");
      }
    } catch (DateTimeException e) {
      return ParsedValue.failed("'" + text + "' is not a valid date");
    }
    return ParsedValue.failed("'" + text + "' is not a date");
  }

  ParsedValue timestamp(String text) {
    OffsetDateTime utc = isoUtcOrNull(text);
    if (utc != null) {
      return ParsedValue.of(utc);
    }
    LocalDateTime plain = isoLocalOrNull(text);
    if (plain != null) {
      return ParsedValue.of(inZone(plain));
    }
    try {
      if (EPOCH_SECONDS.matcher(text).matches()) {
        return ParsedValue.of(inZone(Instant.ofEpochSecond(Long.parseLong(text))));
      }
      if (EPOCH_MILLIS.matcher(text).matches()) {
        return ParsedValue.of(inZone(Instant.ofEpochMilli(Long.parseLong(text))));
      }
      if (ISO_DATE_TIME.matcher(text).matches()) {
        String iso = text.substring(0, 10) + 'T' + text.substring(11);
        TemporalAccessor parsed = ISO.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        return ParsedValue.of(
            parsed instanceof OffsetDateTime offset ? offset : inZone((LocalDateTime) parsed));
      }
      LocalDateTime local = localDateTimeOrNull(text);
      if (local != null) {
        return ParsedValue.of(inZone(local));
      }
      LocalDate date = dateOrNull(text);
      if (date != null) {
        return ParsedValue.of(inZone(date.atStartOfDay()));
      }
    } catch (DateTimeException e) {
      return ParsedValue.failed("'" + text + "' is not a valid timestamp");
    }
    return ParsedValue.failed("'" + text + "' is not a timestamp");
  }

  /**
   * "2024-03-01T10:00:00Z" (or with a space), the form machines write most, read without regular
   * expressions or formatters; null for anything else, which then takes the general path.
   */
  static OffsetDateTime isoUtcOrNull(String t) {
    if (t.length() != 20 || t.charAt(19) != 'Z') {
      return null;
    }
    LocalDateTime local = fixedWidthOrNull(t);
    return local == null ? null : local.atOffset(ZoneOffset.UTC);
  }

  /**
   * "2024-03-01T10:00:00" (or with a space) without a zone, as databases hand over a DATETIME (the
   * {@code jdbc} connector's values): read like {@link #isoUtcOrNull}, then placed in the column's
   * zone by the caller; null for anything else.
   */
  static LocalDateTime isoLocalOrNull(String t) {
    return t.length() == 19 ? fixedWidthOrNull(t) : null;
  }

  private static LocalDateTime fixedWidthOrNull(String t) {
    if (t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      return null; // e.g. 2024-02-30: the general path says why
    }
  }

  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Which order a year-last numeric date proves, or null when it fits both (or neither): a first
   * part above 12 can only be a day, a second part above 12 can only be a day.
   */
  static DateOrder evidence(String text) {
    Matcher m = YEAR_LAST.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    int first = Integer.parseInt(m.group(1));
    int second = Integer.parseInt(m.group(3));
    if (first > 12 && second <= 12) {
      return DateOrder.DMY;
    }
    if (second > 12 && first <= 12) {
      return DateOrder.MDY;
    }
    return null;
  }

  /**
   * The date, null when the text has no date shape; throws when the shape fits but the day does not
   * exist.
   */
  private LocalDate dateOrNull(String text) {
    Matcher m = YEAR_FIRST.matcher(text);
    if (m.matches()) {
      return LocalDate.of(number(m, 1), number(m, 3), number(m, 4));
    }
    m = YEAR_LAST.matcher(text);
    if (m.matches()) {
      int first = number(m, 1);
      int second = number(m, 3);
      boolean dayFirst = first > 12 || (second <= 12 && options.dateOrder() == DateOrder.DMY);
      return dayFirst
          ? LocalDate.of(number(m, 4), second, first)
          : LocalDate.of(number(m, 4), first, second);
    }
    m = COMPACT.matcher(text);
    if (m.matches()) {
      return LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
    }
    m = DAY_MONTH_NAME.matcher(text);
    if (m.matches()) {
      Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
      return month == null ? null : LocalDate.of(number(m, 3), month, number(m, 1));
    }
    m = MONTH_NAME_DAY.matcher(text);
    if (m.matches()) {
      Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
      return month == null ? null : LocalDate.of(number(m, 3), month, number(m, 2));
    }
    return null;
  }

  private LocalDateTime localDateTimeOrNull(String text) {
    Matcher m = DATE_AND_TIME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    LocalDate date = dateOrNull(m.group(1));
    if (date == null) {
      return null;
    }
    String time = m.group(2).replace(',', '.');
    if (time.indexOf(':') == 1) {
      time = "0" + time;
    }
    try {
      return date.atTime(LocalTime.parse(time));
    } catch (DateTimeParseException e) {
      throw new DateTimeException("invalid time", e);
    }
  }

  private OffsetDateTime inZone(LocalDateTime local) {
    // ZonedDateTime resolves a wall time in a DST gap or overlap by the zone's rules.
    return local.atZone(options.zone()).toOffsetDateTime();
  }

  private OffsetDateTime inZone(Instant instant) {
    return instant.atZone(options.zone()).toOffsetDateTime();
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
