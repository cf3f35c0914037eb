package io.millwright.server.datasets.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Read-only SQL over one tenant's datasets, in an in-memory DuckDB that can reach nothing else.
 *
 * <p>The walls, each enough on its own for some attack and together for all we know of:
 *
 * <ul>
 *   <li>Only the query's own plaintext files are readable: {@code allowed_paths} lists them and
 *       {@code enable_external_access=false} refuses every other path, URL, glob, extension install
 *       and secret store; {@code temp_directory} is empty so no scratch directory is silently
 *       allowed; {@code lock_configuration} stops a query from undoing any of it.
 *   <li>The person's SQL runs as a subquery ({@code SELECT * FROM (<sql>) LIMIT n}), so it can only
 *       be a query: COPY, ATTACH, INSTALL, PRAGMA, SET or a second statement do not parse.
 *   <li>Each dataset is a view over exactly its version's files; no other tenant's file is in the
 *       scratch space of this query, let alone allowed.
 *   <li>Memory and threads are capped, and a timer cancels a query that runs too long.
 * </ul>
 */
public final class SqlSandbox implements AutoCloseable {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final Connection duck;

  /**
   * @param memoryLimit e.g. "1GB"
   */
  public SqlSandbox(List<QueryTable> tables, String memoryLimit, int threads) {
    List<String> allowed = new ArrayList<>();
    for (QueryTable t : tables) {
      t.files().files().forEach(f -> allowed.add(f.toAbsolutePath().toString()));
    }
    Properties settings = new Properties();
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    settings.setProperty("temp_directory", "");
    settings.setProperty("allowed_paths", listLiteral(allowed));
    settings.setProperty("allowed_directories", "[]");
    settings.setProperty("enable_external_access", "false");
    settings.setProperty("memory_limit", memoryLimit);
    settings.setProperty("threads", Integer.toString(threads));
    settings.setProperty("lock_configuration", "true");
    Connection opened = null;
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      opened = DriverManager.getConnection("jdbc:duckdb:", settings);
      try (Statement s = opened.createStatement()) {
        for (QueryTable t : tables) {
          s.execute(viewOf(t));
        }
      }
    } catch (SQLException | ClassNotFoundException e) {
      closeQuietly(opened);
      throw new IllegalStateException("cannot open the SQL engine", e);
    }
    this.duck = opened;
  }

  /**
   * Runs one read-only query.
   *
   * @param cancelAfter how long the query may run
   * @param timer the executor that cancels it when that time is up
   * @throws SqlRefusedException with DuckDB's message when the query is not valid or not allowed
   */
  public QueryResult query(
      String sql, int maxRows, Duration cancelAfter, ScheduledExecutorService timer) {
    String trimmed = sql == null ? "" : sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    if (trimmed.isEmpty()) {
      throw new SqlRefusedException("Write a query, e.g. SELECT count(*) FROM my_dataset.");
    }
    String wrapped = "SELECT * FROM (\n" + trimmed + "\n) AS query LIMIT " + (maxRows + 1);
    AtomicBoolean timedOut = new AtomicBoolean();
    try (PreparedStatement statement = duck.prepareStatement(wrapped)) {
      ScheduledFuture<?> cancel =
          timer.schedule(
              () -> {
                timedOut.set(true);
                try {
                  statement.cancel();
                } catch (SQLException ignored) {
                  // The query ended in the meantime.
                }
              },
              cancelAfter.toMillis(),
              TimeUnit.MILLISECONDS);
      try (ResultSet rs = statement.executeQuery()) {
        return read(rs, maxRows);
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      if (timedOut.get()) {
        throw new SqlRefusedException(
            "The query ran longer than " + cancelAfter.toSeconds() + " s and was stopped.", e);
      }
      throw new SqlRefusedException(explain(e), e);
    }
  }

  /** A query's whole result, streamed, for a transform that materializes it into a dataset. */
  public record Stream(io.millwright.server.datasets.ingest.RowSource rows, List<String> types) {}

  /**
   * Opens a query's result as a stream of rows (no row cap): the same walls as {@link #query}.
   *
   * @throws SqlRefusedException when the query is not valid or not allowed
   */
  public Stream stream(String sql) {
    String trimmed = sql == null ? "" : sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    try {
      ResultRows rows =
          new ResultRows(duck.prepareStatement("SELECT * FROM (\n" + trimmed + "\n) AS query"));
      return new Stream(rows, rows.types());
    } catch (SQLException e) {
      throw new SqlRefusedException(explain(e), e);
    }
  }

  private static QueryResult read(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
      types.add(meta.getColumnTypeName(i).toLowerCase(Locale.ROOT));
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(jsonValue(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, types, rows, truncated);
  }

  /** Values as JSON can carry them: numbers, booleans, text; times in ISO-8601. */
  static Object jsonValue(Object v) {
    if (v == null || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : d;
    }
    if (v instanceof Float f) {
      return jsonValue(f.doubleValue());
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toString();
    }
    if (v instanceof LocalDate || v instanceof java.sql.Date) {
      return v.toString();
    }
    return v.toString();
  }

  /** DuckDB's own message, without its internal prefixes, which people can act on. */
  private static String explain(SQLException e) {
    String m = e.getMessage() == null ? "the query failed" : e.getMessage();
    if (m.contains("Permission Error") || m.contains("disabled by configuration")) {
      return "The query tried to reach something outside your datasets (files, URLs,"
          + " extensions, settings); only your datasets can be queried.";
    }
    if (m.contains("INTERRUPT")) {
      return "The query was stopped.";
    }
    return m.replaceFirst("^(java\\.sql\\.SQLException: )?", "")
        .replace("\nSELECT * FROM (\n", "\n");
  }

  static String viewOf(QueryTable t) {
    if (!NAME.matcher(t.name()).matches()) {
      throw new IllegalArgumentException("not a dataset name: " + t.name());
    }
    List<String> select = new ArrayList<>();
    for (Types.NestedField f : t.schema().columns()) {
      String column = quote(f.name());
      if (!t.files().holds(f)) {
        select.add("CAST(NULL AS " + duckType(f.type()) + ") AS " + column);
      } else if (t.masked().contains(f.name())) {
        select.add("CASE WHEN " + column + " IS NULL THEN NULL ELSE '•••' END AS " + column);
      } else {
        select.add(column);
      }
    }
    List<Path> files = t.files().files();
    String from;
    if (files.isEmpty()) {
      // A version without rows still has columns to select and types to check.
      List<String> empty = new ArrayList<>();
      for (Types.NestedField f : t.schema().columns()) {
        empty.add("CAST(NULL AS " + duckType(f.type()) + ") AS " + quote(f.name()));
      }
      return "CREATE VIEW "
          + quote(t.name())
          + " AS SELECT "
          + String.join(", ", empty)
          + " WHERE false";
    }
    from =
        "read_parquet("
            + listLiteral(files.stream().map(p -> p.toAbsolutePath().toString()).toList())
            + ", union_by_name = true)";
    return "CREATE VIEW "
        + quote(t.name())
        + " AS SELECT "
        + String.join(", ", select)
        + " FROM "
        + from;
  }

  static String duckType(Type type) {
    return switch (type.typeId()) {
      case STRING -> "VARCHAR";
      case LONG -> "BIGINT";
      case INTEGER -> "INTEGER";
      case DOUBLE -> "DOUBLE";
      case FLOAT -> "FLOAT";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
      default -> "VARCHAR";
    };
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String listLiteral(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String v : values) {
      quoted.add("'" + v.replace("'", "''") + "'");
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  @Override
  public void close() {
    closeQuietly(duck);
  }

  private static void closeQuietly(Connection connection) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // Nothing to keep: the database lived in memory.
    }
  }
}
