package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offsets keep each value's type, so it binds back exactly; anything else is refused. */
class PositionTest {

  private final JdbcConnector connector = new JdbcConnector();

  @Test
  void everyKindOfValueSurvivesTheOffset() throws Exception {
    List<Position.Value> keys =
        List.of(
            new Position.Value(ColumnKind.LONG, Long.MIN_VALUE),
            new Position.Value(ColumnKind.DECIMAL, new BigDecimal("18446744073709551615.000")),
            new Position.Value(ColumnKind.DECIMAL, new BigDecimal("1E+3")),
            new Position.Value(ColumnKind.DOUBLE, 0.1 + 0.2),
            new Position.Value(ColumnKind.BOOLEAN, true),
            new Position.Value(ColumnKind.DATE, LocalDate.of(1999, 12, 31)),
            new Position.Value(ColumnKind.INSTANT, Instant.parse("2024-03-31T01:00:00.000001Z")),
            new Position.Value(ColumnKind.TIME, "23:59:59.999"),
            new Position.Value(ColumnKind.STRING, "Ä \"q\" \\ \n\t\u0001 東京 🚀"),
            new Position.Value(ColumnKind.BYTES, "AP8Q"),
            new Position.Value(ColumnKind.OTHER, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    Position p =
        new Position(
            new Position.Value(
                ColumnKind.TIMESTAMP, LocalDateTime.parse("2024-03-01T10:00:00.123456789")),
            keys);
    Offset offset = p.toOffset();
    assertThat(offset.value())
        .startsWith(
            "{\"w\":{\"t\":\"timestamp\",\"v\":\"2024-03-01T10:00:00.123456789\"},\"k\":[{\"t\":"
                + "\"long\",\"v\":\"-9223372036854775808\"},")
        .contains("{\"t\":\"decimal\",\"v\":\"1000\"}")
        .contains("\"Ä \\\"q\\\" \\\\ \\n\\t\\u0001 東京 🚀\"");
    Position back = Position.of(offset, settings("w", 11));
    assertThat(back.watermark()).isEqualTo(p.watermark());
    assertThat(back.keys()).hasSize(11);
    for (int i = 0; i < keys.size(); i++) {
      Position.Value k = back.keys().get(i);
      assertThat(k.kind()).isEqualTo(keys.get(i).kind());
      if (k.value() instanceof BigDecimal d) {
        assertThat(d).isEqualByComparingTo((BigDecimal) keys.get(i).value());
      } else {
        assertThat(k.value()).isEqualTo(keys.get(i).value());
      }
    }
    assertThat(back.toOffset()).isEqualTo(offset);
  }

  @Test
  void midnightTimestampsKeepTheirSeconds() throws Exception {
    Position p =
        new Position(
            new Position.Value(ColumnKind.TIMESTAMP, LocalDateTime.parse("2024-03-01T00:00")),
            List.of(new Position.Value(ColumnKind.LONG, 1L)));
    assertThat(p.toOffset().value()).contains("\"2024-03-01T00:00:00\"");
  }

  @Test
  void theStartIsAnEmptyObject() throws Exception {
    assertThat(Position.of(null, settings("w", 1))).isNull();
    assertThat(Position.of(Position.START, settings("w", 1))).isNull();
    assertThat(Position.of(new Offset(" { } "), settings(null, 2))).isNull();
  }

  @Test
  void foreignOrMismatchedOffsetsAreConfigurationErrors() throws Exception {
    String keyOnly = "{\"k\":[{\"t\":\"long\",\"v\":\"5\"}]}";
    assertThat(Position.of(new Offset(keyOnly), settings(null, 1)).keys()).hasSize(1);
    for (String bad :
        List.of(
            "17",
            "not json",
            "{\"k\":[{\"t\":\"long\",\"v\":\"five\"}]}",
            "{\"k\":[{\"t\":\"money\",\"v\":\"5\"}]}",
            "{\"k\":[{\"t\":\"long\"}]}",
            "{\"k\":{}}",
            "{\"k\":[]} trailing",
            "{\"k\":[{\"t\":\"timestamp\",\"v\":\"2024-13-01T00:00:00\"}]}")) {
      assertThatThrownBy(() -> Position.of(new Offset(bad), settings(null, 1)))
          .as(bad)
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("reset the connection's offset");
    }
    // Written without a watermark, read with one; and one key where the configuration has two.
    assertThatThrownBy(() -> Position.of(new Offset(keyOnly), settings("w", 1)))
        .hasMessageContaining("another watermark or key columns");
    assertThatThrownBy(() -> Position.of(new Offset(keyOnly), settings(null, 2)))
        .hasMessageContaining("another watermark or key columns");
  }

  @Test
  void anOffsetTooLongForTheHostIsAConfigurationError() {
    Position p =
        new Position(null, List.of(new Position.Value(ColumnKind.STRING, "x".repeat(5000))));
    assertThatThrownBy(p::toOffset)
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("choose shorter key columns");
  }

  @Test
  void jsonReadsWhatOthersMayWriteToo() {
    assertThat(Json.parse(" {\"a\" : [ \"\\u00e4\\/\" , null, true, 1.5e3 ] } "))
        .isEqualTo(Map.of("a", java.util.Arrays.asList("ä/", null, "true", "1.5e3")));
  }

  private JdbcSettings settings(String watermark, int keys) throws ConnectorException {
    StringBuilder k = new StringBuilder("k0");
    for (int i = 1; i < keys; i++) {
      k.append(",k").append(i);
    }
    Map<String, String> c =
        watermark == null
            ? Map.of("url", "jdbc:mariadb://h/db", "table", "t", "keyColumns", k.toString())
            : Map.of(
                "url",
                "jdbc:mariadb://h/db",
                "table",
                "t",
                "watermarkColumn",
                watermark,
                "keyColumns",
                k.toString());
    return JdbcSettings.from(ConnectorConfig.of(connector.descriptor(), c));
  }
}
