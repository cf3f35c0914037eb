package io.millwright.console.views.datasets;

import io.millwright.console.ports.SqlAnswer;
import io.millwright.console.ports.SqlTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How the SQL workbench words its example query and the line under a query's answer. */
final class SqlText {

  /** DuckDB's numeric types, whose values line up on the right like numbers in a spreadsheet. */
  private static final Set<String> NUMERIC =
      Set.of(
          "tinyint",
          "smallint",
          "integer",
          "int",
          "bigint",
          "hugeint",
          "utinyint",
          "usmallint",
          "uinteger",
          "ubigint",
          "uhugeint",
          "float",
          "real",
          "double",
          "decimal",
          "numeric");

  private SqlText() {}

  /** A first query to edit: the tenant's first dataset, or how to get one when there is none. */
  static String example(List<SqlTable> tables) {
    if (tables.isEmpty()) {
      return "-- No datasets yet. Once a data engineer declares one under Datasets and writes a\n"
          + "-- file into it, query it here by its name: select * from <dataset> limit 100\n";
    }
    return "-- Read-only SQL (DuckDB dialect) over your datasets. Ctrl+Enter runs it.\n"
        + "select *\nfrom "
        + tables.get(0).name()
        + "\nlimit 100\n";
  }

  /**
   * The line under an answer, e.g. {@code 3 rows · 42 ms · 0.01 MB scanned · meter_readings version
   * 6042…}, ending with "showing the first 1,000 rows" when the query had more.
   */
  static String status(SqlAnswer answer, int maxRows) {
    int rows = answer.rows().size();
    StringBuilder line =
        new StringBuilder()
            .append(count(rows))
            .append(rows == 1 ? " row" : " rows")
            .append(" · ")
            .append(count(answer.elapsedMs()))
            .append(" ms · ")
            .append(megabytes(answer.bytesScanned()))
            .append(" scanned · ")
            .append(versions(answer.versions()));
    if (answer.truncated()) {
      line.append(" · showing the first ").append(count(maxRows)).append(" rows");
    }
    if (answer.piiMasked()) {
      line.append(" · personal data masked for your role");
    }
    return line.toString();
  }

  /** Which version of each dataset the answer was computed on, so it can be reproduced. */
  static String versions(Map<String, Long> versions) {
    if (versions.isEmpty()) {
      return "no datasets read";
    }
    return versions.entrySet().stream()
        .map(
            e ->
                e.getKey()
                    + (e.getValue() == null ? " (no version yet)" : " version " + e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Bytes in decimal megabytes, as metered: two decimals when small, never a false "0.00". */
  static String megabytes(long bytes) {
    if (bytes == 0) {
      return "0 MB";
    }
    double mb = bytes / 1_000_000.0;
    if (mb < 0.01) {
      return "< 0.01 MB";
    }
    if (mb < 10) {
      return String.format(Locale.ENGLISH, "%.2f MB", mb);
    }
    if (mb < 1000) {
      return String.format(Locale.ENGLISH, "%.1f MB", mb);
    }
    return String.format(Locale.ENGLISH, "%,.0f MB", mb);
  }

  /** Whether a column of this DuckDB type holds numbers ({@code decimal(18,3)} counts). */
  static boolean numeric(String type) {
    if (type == null) {
      return false;
    }
    String base = type.toLowerCase(Locale.ROOT).trim();
    int paren = base.indexOf('(');
    return NUMERIC.contains(paren < 0 ? base : base.substring(0, paren).trim());
  }

  static String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }
}
