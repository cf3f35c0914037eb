package io.millwright.server.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.server.glossary.DataType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParserTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final ValueParser dmy = new ValueParser(new ParseOptions(DateOrder.DMY, '.', PARIS));
  private final ValueParser mdy = new ValueParser(new ParseOptions(DateOrder.MDY, '.', PARIS));
  private final ValueParser european = new ValueParser(new ParseOptions(DateOrder.DMY, ',', PARIS));

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "NULL", "null", "N/A", "n/a", "NA", "-", " - "})
  void nullSpellingsAreMissingForEveryType(String raw) {
    for (DataType type : DataType.values()) {
      assertThat(dmy.parse(raw, type, null)).isEqualTo(ParsedValue.missing());
    }
    assertThat(dmy.parse(null, DataType.INTEGER).isMissing()).isTrue();
  }

  @Test
  void stringsAreTrimmed() {
    assertThat(dmy.parse("  Anna Smith ", DataType.STRING).value()).isEqualTo("Anna Smith");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "42 | 42",
        "+42 | 42",
        "-7 | -7",
        "1,234,567 | 1234567",
        "1'234 | 1234",
        "12.0 | 12",
        "(15) | -15",
        "1e3 | 1000",
      })
  void integers(String raw, long expected) {
    assertThat(dmy.parse(raw, DataType.INTEGER).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1,234,567.89 | 1234567.89",
        "(12.5) | -12.5",
        "+0.5 | 0.5",
        ".5 | 0.5",
        "-1.5E-3 | -0.0015",
        "1 234 567.5 | 1234567.5",
      })
  void decimals(String raw, double expected) {
    assertThat(dmy.parse(raw, DataType.DECIMAL).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"1 234,5 | 1234.5", "1.234,50 | 1234.5", "1.234.567 | 1234567", "0,25 | 0.25"})
  void decimalComma(String raw, double expected) {
    assertThat(european.parse(raw, DataType.DECIMAL).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "12abc | '12abc' is not a number",
        "$12 | '$12' is not a number",
        "12% | '12%' is not a number",
        "1,5 | '1,5' is not a number",
        "1.2.3 | '1.2.3' is not a number",
        "1,23,456 | '1,23,456' is not a number",
        "abc | 'abc' is not a number",
        "(-5) | '(-5)' is not a number",
      })
  void notNumbers(String raw, String reason) {
    assertThat(dmy.parse(raw, DataType.DECIMAL)).isEqualTo(ParsedValue.failed(reason));
  }

  @Test
  void aZonelessIsoTimestampIsReadInTheColumnsZoneOnTheFastPathAsOnTheGeneralOne() {
    Object fast = dmy.parse("2024-07-01T10:15:00", DataType.TIMESTAMP).value();
    Object spaced = dmy.parse("2024-07-01 10:15:00", DataType.TIMESTAMP).value();
    Object general = dmy.parse("2024-07-01T10:15:00.000", DataType.TIMESTAMP).value();
    assertThat(fast).isEqualTo(general).isEqualTo(spaced);
    assertThat(fast.toString()).isEqualTo("2024-07-01T10:15+02:00");
    assertThat(dmy.parse("2024-02-30T10:15:00", DataType.TIMESTAMP).failure())
        .contains("2024-02-30");
  }

  @Test
  void integerRejectsFractionsAndOverflow() {
    assertThat(dmy.parse("12.5", DataType.INTEGER).failure())
        .isEqualTo("'12.5' has a fraction; the column holds whole numbers");
    assertThat(dmy.parse("99999999999999999999", DataType.INTEGER).failure())
        .isEqualTo("'99999999999999999999' is too large for a whole number");
  }

  @Test
  void unitsAreConvertedToTheColumnUnit() {
    assertThat(dmy.parse("12.5 kg", DataType.DECIMAL, "kg").value()).isEqualTo(12.5);
    assertThat(dmy.parse("1 lb", DataType.DECIMAL, "kg").value()).isEqualTo(0.45359237);
    assertThat(dmy.parse("70°F", DataType.DECIMAL, "°C").value()).isEqualTo(21.11111111111111);
    assertThat(dmy.parse("32 °F", DataType.DECIMAL, "degC").value()).isEqualTo(0.0);
    assertThat(dmy.parse("3 ft", DataType.INTEGER, "in").value()).isEqualTo(36L);
    assertThat(dmy.parse("1,500 g", DataType.DECIMAL, "kg").value()).isEqualTo(1.5);
    // A bare number is taken to be in the column's unit.
    assertThat(dmy.parse("7", DataType.DECIMAL, "kg").value()).isEqualTo(7.0);
    // An unknown unit is fine when it is exactly the column's unit.
    assertThat(dmy.parse("12 USD", DataType.DECIMAL, "USD").value()).isEqualTo(12.0);
  }

  @Test
  void unitProblemsAreFailures() {
    assertThat(dmy.parse("5 kg", DataType.DECIMAL, "m").failure())
        .isEqualTo("unit kg cannot be converted to m");
    assertThat(dmy.parse("5 kg", DataType.DECIMAL, null).failure())
        .isEqualTo("'5 kg' carries the unit kg but the column has no unit");
    assertThat(dmy.parse("1 in", DataType.INTEGER, "ft").failure())
        .isEqualTo("'1 in' has a fraction; the column holds whole numbers");
  }

  @ParameterizedTest
  @CsvSource({
    "true,true",
    "YES,true",
    "y,true",
    "1,true",
    "False,false",
    "no,false",
    "N,false",
    "0,false"
  })
  void booleans(String raw, boolean expected) {
    assertThat(dmy.parse(raw, DataType.BOOLEAN).value()).isEqualTo(expected);
  }

  @Test
  void notABoolean() {
    assertThat(dmy.parse("maybe", DataType.BOOLEAN).failure())
        .isEqualTo("'maybe' is not a yes/no value");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-03-01 | 2024-03-01",
        "2024/03/01 | 2024-03-01",
        "01/03/2024 | 2024-03-01",
        "01.03.2024 | 2024-03-01",
        "1-3-2024 | 2024-03-01",
        "13/03/2024 | 2024-03-13",
        "03/13/2024 | 2024-03-13",
        "1 Mar 2024 | 2024-03-01",
        "01-Mar-2024 | 2024-03-01",
        "1st March 2024 | 2024-03-01",
        "Mar 1, 2024 | 2024-03-01",
        "September 30 2024 | 2024-09-30",
        "20240301 | 2024-03-01",
        "2024-03-01 00:00:00 | 2024-03-01",
      })
  void datesDayFirst(String raw, LocalDate expected) {
    assertThat(dmy.parse(raw, DataType.DATE).value()).isEqualTo(expected);
  }

  @Test
  void ambiguousDatesFollowTheOrderUnlessAPartIsAboveTwelve() {
    assertThat(dmy.parse("01/03/2024", DataType.DATE).value()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(mdy.parse("01/03/2024", DataType.DATE).value()).isEqualTo(LocalDate.of(2024, 1, 3));
    assertThat(mdy.parse("13/03/2024", DataType.DATE).value()).isEqualTo(LocalDate.of(2024, 3, 13));
    assertThat(dmy.parse("03/13/2024", DataType.DATE).value()).isEqualTo(LocalDate.of(2024, 3, 13));
    assertThat(dmy.parse("13/13/2024", DataType.DATE).failure())
        .isEqualTo("'13/13/2024' is not a valid date");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "31/02/2024 | '31/02/2024' is not a valid date",
        "2024-02-30 | '2024-02-30' is not a valid date",
        "45352 | '45352' is not a date",
        "01/03/24 | '01/03/24' is not a date",
        "Foo 1, 2024 | 'Foo 1, 2024' is not a date",
        "2024-03-01 14:05 | '2024-03-01 14:05' has a time of day; the column holds dates",
      })
  void notDates(String raw, String reason) {
    assertThat(dmy.parse(raw, DataType.DATE).failure()).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-03-01T14:05:07Z | 2024-03-01T14:05:07Z",
        "2024-03-01T14:05:07+01:00 | 2024-03-01T14:05:07+01:00",
        "2024-03-01T14:05:07.123-0500 | 2024-03-01T14:05:07.123-05:00",
        "2024-03-01 14:05:07Z | 2024-03-01T14:05:07Z",
        "2024-03-01T14:05 | 2024-03-01T14:05+01:00",
        "2024-03-01 14:05:07 | 2024-03-01T14:05:07+01:00",
        "2024-03-01 14:05:07.123 | 2024-03-01T14:05:07.123+01:00",
        "2024-07-01 14:05 | 2024-07-01T14:05+02:00",
        "01/03/2024 9:30 | 2024-03-01T09:30+01:00",
        "2024-03-01 | 2024-03-01T00:00+01:00",
        "1709251200 | 2024-03-01T01:00+01:00",
        "1709251200123 | 2024-03-01T01:00:00.123+01:00",
      })
  void timestamps(String raw, String expected) {
    OffsetDateTime value = (OffsetDateTime) dmy.parse(raw, DataType.TIMESTAMP).value();
    assertThat(value).isEqualTo(OffsetDateTime.parse(expected));
  }

  @Test
  void epochIsTheSameInstantWhateverTheZone() {
    ValueParser utc = new ValueParser(new ParseOptions(DateOrder.DMY, '.', ZoneOffset.UTC));
    OffsetDateTime value = (OffsetDateTime) utc.parse("1709251200", DataType.TIMESTAMP).value();
    assertThat(value).isEqualTo(OffsetDateTime.parse("2024-03-01T00:00Z"));
  }

  @Test
  void notTimestamps() {
    assertThat(dmy.parse("yesterday", DataType.TIMESTAMP).failure())
        .isEqualTo("'yesterday' is not a timestamp");
    assertThat(dmy.parse("2024-03-01 25:00", DataType.TIMESTAMP).failure())
        .isEqualTo("'2024-03-01 25:00' is not a valid timestamp");
  }
}
