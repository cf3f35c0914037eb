package io.millwright.server.datasets.query;

import io.millwright.server.datasets.ingest.RowSource;
import io.millwright.server.datasets.ingest.SourceRow;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A query's result as rows of text cells, so that a SQL transform writes into a dataset through the
 * same standardize → validate → deduplicate path as a file: one way in, one set of rules. Streams:
 * rows are fetched as the writer asks for them.
 */
final class ResultRows implements RowSource {

  private final PreparedStatement statement;
  private final ResultSet rows;
  private final List<String> columns = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private long read;

  ResultRows(PreparedStatement statement) throws SQLException {
    this.statement = statement;
    this.rows = statement.executeQuery();
    ResultSetMetaData meta = rows.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
      types.add(meta.getColumnTypeName(i).toUpperCase(Locale.ROOT));
    }
  }

  /** DuckDB's type names of the columns, e.g. BIGINT, DOUBLE, TIMESTAMP WITH TIME ZONE. */
  List<String> types() {
    return Collections.unmodifiableList(types);
  }

  @Override
  public List<String> columns() {
    return Collections.unmodifiableList(columns);
  }

  @Override
  public SourceRow next() throws IOException {
    try {
      if (!rows.next()) {
        return null;
      }
      List<String> cells = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        Object v = SqlSandbox.jsonValue(rows.getObject(i));
        cells.add(v == null ? null : v.toString());
      }
      read++;
      return new SourceRow(read, cells, null);
    } catch (SQLException e) {
      throw new IOException("the transform's query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long rowsRead() {
    return read;
  }

  @Override
  public long blankLinesSkipped() {
    return 0;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  public void close() throws IOException {
    try {
      rows.close();
      statement.close();
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
