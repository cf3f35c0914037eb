package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.FieldSpec;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Reads ERP and line-of-business databases (MariaDB, MySQL, PostgreSQL): a table or a SELECT,
 * incrementally by a watermark column and a unique key. Keeps no state: each polling source owns
 * its connection.
 */
@Extension
public class JdbcConnector implements Connector {

  static final int SAMPLE_ROWS = 5;
  private static final int COUNT_TIMEOUT_SECONDS = 10;
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "jdbc",
          "1.0.0",
          "Database (JDBC)",
          "Reads a table or a SELECT from MariaDB, MySQL or PostgreSQL (ERP and line-of-business"
              + " databases) incrementally: new and changed rows after a watermark column such as"
              + " updated_at, in key order, so no row is missed or read twice.",
          Set.of(Capability.POLL),
          List.of(
              ConfigOption.required(
                  JdbcSettings.URL,
                  "Database URL",
                  OptionType.URI,
                  "JDBC URL of the database, e.g. jdbc:mariadb://erp-db:3306/erp,"
                      + " jdbc:mysql://10.0.0.5:3306/shop or"
                      + " jdbc:postgresql://db.example.com:5432/sales. Driver options may follow"
                      + " after '?'; put the password in the Password field, not in the URL."),
              ConfigOption.optional(
                  JdbcSettings.USER,
                  "User",
                  OptionType.TEXT,
                  null,
                  "Database user to read as, e.g. millwright_reader. A user that may only SELECT"
                      + " the table is enough, and recommended."),
              ConfigOption.secret(
                  JdbcSettings.PASSWORD,
                  "Password",
                  false,
                  "Password of the database user; stored encrypted and never shown again."),
              ConfigOption.optional(
                  JdbcSettings.TABLE,
                  "Table",
                  OptionType.TEXT,
                  null,
                  "The table or view to read, e.g. orders, or sales.orders with its schema. Set"
                      + " either this or Query."),
              ConfigOption.optional(
                  JdbcSettings.QUERY,
                  "Query",
                  OptionType.MULTILINE_TEXT,
                  null,
                  "A SELECT to read instead of a table, e.g. SELECT o.id, o.updated_at, o.total,"
                      + " c.name AS customer FROM orders o JOIN customers c ON c.id ="
                      + " o.customer_id. It is read as a subquery, so the watermark and key columns"
                      + " must be among its columns, under those names. Set either this or Table."),
              ConfigOption.optional(
                  JdbcSettings.WATERMARK,
                  "Watermark column",
                  OptionType.TEXT,
                  null,
                  "A column whose value grows whenever a row is inserted or updated, e.g."
                      + " updated_at or a row version number: changed rows are read again. Rows"
                      + " where it is NULL are not read. Leave empty for insert-only tables, which"
                      + " are then read by key. MariaDB and MySQL TIMESTAMP columns are read in"
                      + " UTC."),
              ConfigOption.required(
                  JdbcSettings.KEYS,
                  "Key columns",
                  OptionType.TEXT,
                  "The rows' unique key, comma-separated, e.g. id or order_id,line_no. Rows with"
                      + " the same watermark are read in key order and reading resumes after the"
                      + " last key read; without a watermark the key must grow with every new"
                      + " row (an auto-increment id)."),
              ConfigOption.optional(
                  JdbcSettings.FETCH_SIZE,
                  "Fetch size",
                  OptionType.INTEGER,
                  "5000",
                  "How many rows the driver fetches per round trip while reading, e.g. 5000;"
                      + " lower it for very wide rows (large texts or blobs)."),
              ConfigOption.optional(
                  JdbcSettings.QUERY_TIMEOUT,
                  "Query timeout",
                  OptionType.DURATION,
                  "5m",
                  "How long one read may run before it is cancelled and tried again later, e.g."
                      + " 5m, 30s or PT10M.")));

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    JdbcSettings settings = JdbcSettings.from(context.config());
    KeysetSql sql = new KeysetSql(settings);
    try (Connection c = Connections.open(settings)) {
      DatabaseMetaData md = c.getMetaData();
      String product =
          md.getDatabaseProductName() + " " + shortVersion(md.getDatabaseProductVersion());
      List<SourceRecord> sample = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.first)) {
        ps.setQueryTimeout(settings.timeoutSeconds());
        ps.setInt(1, SAMPLE_ROWS);
        try (ResultSet rs = ps.executeQuery()) {
          RowReader reader = RowReader.of(rs.getMetaData(), settings);
          while (rs.next()) {
            sample.add(reader.read(rs));
          }
        }
      }
      String counted = count(c, sql, settings);
      if (settings.dialect().needsTransactionToStream()) {
        c.rollback();
      }
      return new ConnectionCheck(product + ", " + settings.label() + ": " + counted, sample);
    } catch (SQLException e) {
      throw SqlErrors.map(e, "Could not read " + settings.label(), settings);
    }
  }

  /** "12,408 rows", with how many the watermark leaves out; bounded, since tables can be huge. */
  private static String count(Connection c, KeysetSql sql, JdbcSettings settings)
      throws SQLException {
    int timeout = Math.min(COUNT_TIMEOUT_SECONDS, Math.max(1, settings.timeoutSeconds()));
    try (PreparedStatement ps = c.prepareStatement(sql.count)) {
      ps.setQueryTimeout(timeout);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long all = rs.getLong(1);
        String text = String.format(Locale.ROOT, "%,d rows", all);
        if (settings.watermark() != null) {
          long without = all - rs.getLong(2);
          if (without > 0) {
            text +=
                String.format(
                    Locale.ROOT,
                    " (%,d with no %s, which are not read)",
                    without,
                    settings.watermark());
          }
        }
        return text;
      }
    } catch (SQLException e) {
      if (e instanceof SQLTimeoutException
          || "57014".equals(SqlErrors.state(e))
          || "70100".equals(SqlErrors.state(e))) {
        if (settings.dialect().needsTransactionToStream()) {
          c.rollback();
        }
        return "rows not counted (counting took over " + timeout + " s)";
      }
      throw e;
    }
  }

  static String shortVersion(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version);
    return m.find() ? m.group() : String.valueOf(version);
  }

  @Override
  public PollingSource openPolling(ConnectorContext context) throws ConnectorException {
    return new JdbcPollingSource(JdbcSettings.from(context.config()), context);
  }

  @Override
  public List<FieldSpec> discoverSchema(ConnectorContext context) throws ConnectorException {
    JdbcSettings settings = JdbcSettings.from(context.config());
    KeysetSql sql = new KeysetSql(settings);
    try (Connection c = Connections.open(settings);
        PreparedStatement ps = c.prepareStatement(sql.columnsOnly)) {
      ps.setQueryTimeout(settings.timeoutSeconds());
      List<FieldSpec> fields = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        RowReader reader = RowReader.of(rs.getMetaData(), settings);
        String[] names = reader.names();
        ColumnKind[] kinds = reader.kinds();
        for (int i = 0; i < names.length; i++) {
          fields.add(new FieldSpec(names[i], kinds[i].fieldType, reader.isKey(i)));
        }
      }
      if (settings.dialect().needsTransactionToStream()) {
        c.rollback();
      }
      return fields;
    } catch (SQLException e) {
      throw SqlErrors.map(e, "Could not read the columns of " + settings.label(), settings);
    }
  }
}
