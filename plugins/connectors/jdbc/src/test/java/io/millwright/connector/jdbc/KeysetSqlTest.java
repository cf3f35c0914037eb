package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.ConnectorConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statements keyset pagination runs, per dialect; no database needed. */
class KeysetSqlTest {

  private final JdbcConnector connector = new JdbcConnector();

  @Test
  void aWatermarkAndACompositeKeyCompareLexicographicallyWithBackticksOnMariaDb() throws Exception {
    KeysetSql sql =
        sql("jdbc:mariadb://h/erp", "sales.order_lines", "updated_at", "order_id, line_no");
    assertThat(sql.first)
        .isEqualTo(
            "SELECT * FROM `sales`.`order_lines` WHERE `updated_at` IS NOT NULL"
                + " ORDER BY `updated_at`, `order_id`, `line_no` LIMIT ?");
    assertThat(sql.after)
        .isEqualTo(
            "SELECT * FROM `sales`.`order_lines` WHERE `updated_at` >= ? AND (`updated_at` > ? OR"
                + " (`updated_at` = ? AND (`order_id` > ? OR (`order_id` = ? AND `line_no` > ?))))"
                + " ORDER BY `updated_at`, `order_id`, `line_no` LIMIT ?");
    assertThat(sql.bindOrder).containsExactly(0, 0, 0, 1, 1, 2);
    assertThat(sql.count)
        .isEqualTo("SELECT COUNT(*), COUNT(`updated_at`) FROM `sales`.`order_lines`");
    assertThat(sql.columnsOnly).isEqualTo("SELECT * FROM `sales`.`order_lines` WHERE 1=0");
  }

  @Test
  void aSingleKeyWithoutWatermarkIsOneComparisonWithDoubleQuotesOnPostgres() throws Exception {
    KeysetSql sql = sql("jdbc:postgresql://h/erp", "Journal", null, "entry_no");
    assertThat(sql.first).isEqualTo("SELECT * FROM \"Journal\" ORDER BY \"entry_no\" LIMIT ?");
    assertThat(sql.after)
        .isEqualTo(
            "SELECT * FROM \"Journal\" WHERE \"entry_no\" > ? ORDER BY \"entry_no\" LIMIT ?");
    assertThat(sql.bindOrder).containsExactly(0);
    assertThat(sql.count).isEqualTo("SELECT COUNT(*) FROM \"Journal\"");
  }

  @Test
  void aQueryIsReadAsADerivedTableWithoutItsSemicolon() throws Exception {
    Map<String, String> c = config("jdbc:mysql://h/shop", null, "updated_at", "id");
    c.put("query", "  SELECT id, updated_at FROM orders WHERE status = 'open' ;\n");
    KeysetSql sql = new KeysetSql(JdbcSettings.from(ConnectorConfig.of(connector.descriptor(), c)));
    assertThat(sql.after)
        .isEqualTo(
            "SELECT * FROM (SELECT id, updated_at FROM orders WHERE status = 'open') src WHERE"
                + " `updated_at` >= ? AND (`updated_at` > ? OR (`updated_at` = ? AND `id` > ?))"
                + " ORDER BY `updated_at`, `id` LIMIT ?");
  }

  @Test
  void mysqlUrlsAreHandedToTheMariaDbDriver() {
    assertThat(Dialect.MYSQL.driverUrl("jdbc:mysql://h:3306/shop?useSSL=false"))
        .isEqualTo("jdbc:mariadb://h:3306/shop?useSSL=false");
    assertThat(Dialect.of("JDBC:PostgreSQL://h/x")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.of("jdbc:oracle:thin:@h:1521:x")).isNull();
  }

  @Test
  void unicodeLettersAreNamesButNothingThatCouldEndAQuote() throws Exception {
    assertThat(sql("jdbc:mariadb://h/erp", "Aufträge", "geändert_am", "Nr").first)
        .isEqualTo(
            "SELECT * FROM `Aufträge` WHERE `geändert_am` IS NOT NULL ORDER BY `geändert_am`,"
                + " `Nr` LIMIT ?");
  }

  private KeysetSql sql(String url, String table, String watermark, String keys) throws Exception {
    Map<String, String> c = config(url, table, watermark, keys);
    return new KeysetSql(JdbcSettings.from(ConnectorConfig.of(connector.descriptor(), c)));
  }

  private static Map<String, String> config(
      String url, String table, String watermark, String keys) {
    Map<String, String> c = new HashMap<>();
    c.put("url", url);
    if (table != null) {
      c.put("table", table);
    }
    if (watermark != null) {
      c.put("watermarkColumn", watermark);
    }
    c.put("keyColumns", keys);
    return c;
  }
}
