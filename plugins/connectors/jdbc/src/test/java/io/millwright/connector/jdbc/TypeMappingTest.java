package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.connector.jdbc.TestDb.Read;
import io.millwright.plugin.api.connector.FieldSpec;
import io.millwright.plugin.api.connector.FieldType;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values arrive as the Java types records carry, and every kind of watermark or key value binds
 * back exactly from its offset: decimals, dates, timestamps to the microsecond, text, unsigned
 * BIGINT, UUID, timestamptz.
 */
class TypeMappingTest {

  private static final String UNICODE = "Grüße aus Köln, 東京 🚀 \"quoted\" \\ back";

  private final JdbcConnector connector = new JdbcConnector();

  @Test
  void mariaDbValuesAreTheJavaTypesRecordsCarry() throws Exception {
    String t = "types_" + TestDb.suffix();
    try (Connection db = TestDb.mariadb()) {
      TestDb.exec(
          db,
          "CREATE TABLE "
              + t
              + " (id INT PRIMARY KEY, amount DECIMAL(14,4), ratio DOUBLE, day DATE,"
              + " changed TIMESTAMP(6) NULL, planned DATETIME(6), active BOOLEAN, flag BIT(1),"
              + " note TEXT, code CHAR(3), payload VARBINARY(8), empty VARCHAR(5),"
              + " big BIGINT UNSIGNED, yr YEAR, starts TIME(3), small TINYINT, bits BIT(8))");
      try {
        TestDb.exec(
            db,
            "INSERT INTO "
                + t
                + " VALUES (1, 1234.5678, 0.25, '2024-02-29', '2024-03-01 10:00:00.123456',"
                + " '2031-12-31 23:59:59.999999', TRUE, b'1', '"
                + UNICODE.replace("\\", "\\\\")
                + "', 'AB', x'00ff10', NULL, 18446744073709551615, 2024, '07:30:00.250', -3,"
                + " b'101')",
            "INSERT INTO " + t + " (id, active, flag) VALUES (2, FALSE, b'0')");
        Map<String, String> config = config(TestDb.MARIADB_URL, "root", t, null, "id");
        List<SourceRecord> rows = readAll(config);
        assertThat(rows).hasSize(2);
        Map<String, Object> v = rows.get(0).values();
        assertThat(v.get("id")).isEqualTo(1L);
        assertThat(v.get("amount")).isEqualTo(new BigDecimal("1234.5678"));
        assertThat(v.get("ratio")).isEqualTo(0.25d);
        assertThat(v.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(v.get("changed")).isEqualTo(LocalDateTime.parse("2024-03-01T10:00:00.123456"));
        assertThat(v.get("planned")).isEqualTo(LocalDateTime.parse("2031-12-31T23:59:59.999999"));
        assertThat(v.get("active")).isEqualTo(true);
        assertThat(v.get("flag")).isEqualTo(true);
        assertThat(v.get("note")).isEqualTo(UNICODE);
        assertThat(v.get("code")).isEqualTo("AB");
        assertThat(v.get("payload"))
            .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 0x10}));
        assertThat(v).containsEntry("empty", null);
        assertThat(v.get("big")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(v.get("yr")).isEqualTo(2024L);
        assertThat(v.get("starts")).isEqualTo("07:30:00.250");
        assertThat(v.get("small")).isEqualTo(-3L);
        assertThat(v.get("bits")).isEqualTo(5L);

        Map<String, Object> nulls = rows.get(1).values();
        assertThat(nulls).containsEntry("active", false).containsEntry("flag", false);
        assertThat(nulls.entrySet())
            .filteredOn(e -> !List.of("id", "active", "flag").contains(e.getKey()))
            .allMatch(e -> e.getValue() == null);

        assertThat(connector.discoverSchema(context(config)))
            .extracting(FieldSpec::name, FieldSpec::type)
            .startsWith(
                org.assertj.core.groups.Tuple.tuple("id", FieldType.INTEGER),
                org.assertj.core.groups.Tuple.tuple("amount", FieldType.DECIMAL),
                org.assertj.core.groups.Tuple.tuple("ratio", FieldType.DECIMAL),
                org.assertj.core.groups.Tuple.tuple("day", FieldType.DATE),
                org.assertj.core.groups.Tuple.tuple("changed", FieldType.TIMESTAMP),
                org.assertj.core.groups.Tuple.tuple("planned", FieldType.TIMESTAMP),
                org.assertj.core.groups.Tuple.tuple("active", FieldType.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("flag", FieldType.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("note", FieldType.TEXT));
      } finally {
        TestDb.exec(db, "DROP TABLE " + t);
      }
    }
  }

  @Test
  void postgresValuesAreTheJavaTypesRecordsCarry() throws Exception {
    String t = "types_" + TestDb.suffix();
    try (Connection db = TestDb.postgres()) {
      TestDb.exec(
          db,
          "CREATE TABLE "
              + t
              + " (id int PRIMARY KEY, amount numeric(14,4), ratio float8, day date,"
              + " changed timestamp(6), at timestamptz, active boolean, note text, code char(3),"
              + " payload bytea, empty varchar(5), ref uuid, doc jsonb, small int2,"
              + " starts time)");
      try {
        try (PreparedStatement ps =
            db.prepareStatement(
                "INSERT INTO "
                    + t
                    + " VALUES (1, 1234.5678, 0.25, '2024-02-29', '2024-03-01"
                    + " 10:00:00.123456', '2024-03-01 10:00:00.5+02', true, ?, 'AB', '\\x00ff10',"
                    + " NULL, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', -3,"
                    + " '07:30:00')")) {
          ps.setString(1, UNICODE);
          ps.executeUpdate();
        }
        TestDb.exec(db, "INSERT INTO " + t + " (id) VALUES (2)");
        Map<String, String> config = config(TestDb.POSTGRES_URL, "postgres", t, null, "id");
        List<SourceRecord> rows = readAll(config);
        assertThat(rows).hasSize(2);
        Map<String, Object> v = rows.get(0).values();
        assertThat(v.get("id")).isEqualTo(1L);
        assertThat(v.get("amount")).isEqualTo(new BigDecimal("1234.5678"));
        assertThat(v.get("ratio")).isEqualTo(0.25d);
        assertThat(v.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(v.get("changed")).isEqualTo(LocalDateTime.parse("2024-03-01T10:00:00.123456"));
        assertThat(v.get("at")).isEqualTo(Instant.parse("2024-03-01T08:00:00.5Z"));
        assertThat(v.get("active")).isEqualTo(true);
        assertThat(v.get("note")).isEqualTo(UNICODE);
        assertThat(v.get("code")).isEqualTo("AB ");
        assertThat(v.get("payload"))
            .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 0x10}));
        assertThat(v).containsEntry("empty", null);
        assertThat(v.get("ref")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(v.get("doc")).isEqualTo("{\"a\": 1}");
        assertThat(v.get("small")).isEqualTo(-3L);
        assertThat(v.get("starts")).isEqualTo("07:30");
        assertThat(rows.get(1).values().entrySet())
            .filteredOn(e -> !e.getKey().equals("id"))
            .allMatch(e -> e.getValue() == null);
      } finally {
        TestDb.exec(db, "DROP TABLE " + t);
      }
    }
  }

  @Test
  void dateWatermarksAndTextDecimalAndUnsignedKeysBindBackExactly() throws Exception {
    String t = "daily_" + TestDb.suffix();
    try (Connection db = TestDb.mariadb()) {
      TestDb.exec(
          db,
          "CREATE TABLE "
              + t
              + " (day DATE NOT NULL, region VARCHAR(20) NOT NULL, doc_no DECIMAL(12,0) NOT NULL,"
              + " big BIGINT UNSIGNED NOT NULL, revenue DECIMAL(14,2),"
              + " PRIMARY KEY (region, doc_no, big))");
      try {
        TestDb.exec(
            db,
            "INSERT INTO "
                + t
                + " VALUES ('2024-03-01', 'Nord', 1000, 18446744073709551614, 1.00),"
                + " ('2024-03-01', 'Nord', 1000, 18446744073709551615, 2.00),"
                + " ('2024-03-01', 'Süd', 7, 1, 3.00), ('2024-03-01', 'Ost \"1\"', 7, 1, 4.00),"
                + " ('2024-03-02', 'Nord', 1, 1, 5.00)");
        Map<String, String> config =
            config(TestDb.MARIADB_URL, "root", t, "day", "region, doc_no, big");
        try (PollingSource source = connector.openPolling(context(config))) {
          Read all = TestDb.drain(source, null, 1);
          assertThat(all.records())
              .extracting(r -> r.values().get("revenue").toString())
              .containsExactly("1.00", "2.00", "4.00", "3.00", "5.00");
          assertThat(all.end().value())
              .isEqualTo(
                  "{\"w\":{\"t\":\"date\",\"v\":\"2024-03-02\"},\"k\":[{\"t\":\"string\",\"v\":"
                      + "\"Nord\"},{\"t\":\"decimal\",\"v\":\"1\"},{\"t\":\"decimal\",\"v\":\"1\"}]}");
          TestDb.exec(
              db,
              "INSERT INTO "
                  + t
                  + " VALUES ('2024-03-02', 'Nord', 1, 18446744073709551615, 6.00),"
                  + " ('2024-03-02', 'Nord', 0, 2, 0.50)");
          assertThat(TestDb.drain(source, all.end(), 1).records())
              .extracting(r -> r.values().get("revenue").toString())
              .containsExactly("6.00");
        }
      } finally {
        TestDb.exec(db, "DROP TABLE " + t);
      }
    }
  }

  @Test
  void timestamptzWatermarksAndUuidKeysBindBackExactlyInPostgres() throws Exception {
    String t = "events_" + TestDb.suffix();
    try (Connection db = TestDb.postgres()) {
      TestDb.exec(
          db,
          "CREATE TABLE "
              + t
              + " (ref uuid PRIMARY KEY, at timestamptz NOT NULL, reading numeric(8,3))",
          "INSERT INTO "
              + t
              + " VALUES ('00000000-0000-0000-0000-000000000002', '2024-03-01 10:00:00.000001Z',"
              + " 1), ('00000000-0000-0000-0000-000000000001', '2024-03-01 10:00:00.000001Z', 2),"
              + " ('00000000-0000-0000-0000-000000000003', '2024-03-01 10:00:00.000002Z', 3)");
      try {
        Map<String, String> config = config(TestDb.POSTGRES_URL, "postgres", t, "at", "ref");
        try (PollingSource source = connector.openPolling(context(config))) {
          Read all = TestDb.drain(source, null, 1);
          assertThat(all.records())
              .extracting(r -> r.values().get("reading").toString())
              .containsExactly("2.000", "1.000", "3.000");
          assertThat(all.end().value())
              .isEqualTo(
                  "{\"w\":{\"t\":\"instant\",\"v\":\"2024-03-01T10:00:00.000002Z\"},\"k\":[{\"t\":"
                      + "\"other\",\"v\":\"00000000-0000-0000-0000-000000000003\"}]}");
          TestDb.exec(
              db,
              "INSERT INTO "
                  + t
                  + " VALUES ('00000000-0000-0000-0000-000000000000',"
                  + " '2024-03-01 10:00:00.000002Z', 4),"
                  + " ('00000000-0000-0000-0000-000000000004', '2024-03-01 10:00:00.000002Z', 5)");
          assertThat(TestDb.drain(source, all.end(), 1).records())
              .extracting(r -> r.values().get("reading").toString())
              .containsExactly("5.000");
        }
      } finally {
        TestDb.exec(db, "DROP TABLE " + t);
      }
    }
  }

  private List<SourceRecord> readAll(Map<String, String> config) throws Exception {
    try (PollingSource source = connector.openPolling(context(config))) {
      return TestDb.drain(source, null, 10).records();
    }
  }

  private TestContext context(Map<String, String> config) {
    return new TestContext(connector.descriptor(), config);
  }

  static Map<String, String> config(
      String url, String user, String table, String watermark, String keys) {
    Map<String, String> c = new HashMap<>();
    c.put("url", url);
    c.put("user", user);
    c.put("table", table);
    if (watermark != null) {
      c.put("watermarkColumn", watermark);
    }
    c.put("keyColumns", keys);
    return c;
  }
}
