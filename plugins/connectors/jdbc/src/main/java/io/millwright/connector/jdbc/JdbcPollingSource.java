package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One connection's reader: its own JDBC connection, opened at the first poll, checked after a
 * pause, opened anew when it broke, closed with the source. A poll reads the rows after the
 * offset's position in keyset order; reading the same offset again reads the same rows, as long as
 * the database holds them.
 */
final class JdbcPollingSource implements PollingSource {

  /** A connection unused this long is checked before use; a busy one is trusted. */
  private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final JdbcSettings settings;
  private final ConnectorContext context;
  private final KeysetSql sql;

  private Connection connection;
  private PreparedStatement first;
  private PreparedStatement after;
  private long lastUsed;
  private volatile boolean closed;

  JdbcPollingSource(JdbcSettings settings, ConnectorContext context) {
    this.settings = settings;
    this.context = context;
    this.sql = new KeysetSql(settings);
  }

  @Override
  public Batch poll(Offset offset, int maxRecords) throws ConnectorException {
    if (closed) {
      throw new IllegalStateException("the source is closed");
    }
    Position from = Position.of(offset, settings);
    Offset same = offset != null ? offset : Position.START;
    if (maxRecords <= 0) {
      return new Batch(List.of(), same, false);
    }
    for (int attempt = 0; ; attempt++) {
      boolean fresh = connect();
      try {
        return read(from, same, maxRecords);
      } catch (ConnectorException e) {
        rollback();
        throw e;
      } catch (SQLException e) {
        boolean lost = SqlErrors.isConnectionLost(e) || isClosed();
        if (lost) {
          disconnect();
        } else {
          rollback();
        }
        if (lost && !fresh && attempt == 0) {
          // A connection that broke while idle (server restart, firewall): once more, anew.
          context.log().log(Level.INFO, "connection to the database was lost; reconnecting");
          continue;
        }
        throw SqlErrors.map(e, "Could not read " + settings.label(), settings);
      }
    }
  }

  private Batch read(Position from, Offset same, int maxRecords)
      throws SQLException, ConnectorException {
    PreparedStatement ps;
    int index = 1;
    if (from == null) {
      if (first == null) {
        first = prepare(sql.first);
      }
      ps = first;
    } else {
      if (after == null) {
        after = prepare(sql.after);
      }
      ps = after;
      List<Position.Value> values = from.columns();
      for (int column : sql.bindOrder) {
        Position.Value v = values.get(column);
        v.kind().bind(ps, index++, v.value(), settings.dialect());
      }
    }
    ps.setInt(index, maxRecords);
    ps.setFetchSize(Math.min(settings.fetchSize(), maxRecords));

    List<SourceRecord> records = new ArrayList<>(Math.min(maxRecords, 1 << 16));
    RowReader reader;
    try (ResultSet rs = ps.executeQuery()) {
      reader = RowReader.of(rs.getMetaData(), settings);
      while (rs.next()) {
        records.add(reader.read(rs));
      }
    }
    if (settings.dialect().needsTransactionToStream()) {
      connection.commit();
    }
    lastUsed = System.nanoTime();
    Position last = reader.lastPosition();
    Offset next = last == null ? same : last.toOffset();
    if (!records.isEmpty()) {
      context.status(
          String.format(
              Locale.ROOT,
              "%s: read %,d rows up to %s",
              settings.label(),
              records.size(),
              records.get(records.size() - 1).origin()));
    }
    return new Batch(records, next, records.size() >= maxRecords);
  }

  private PreparedStatement prepare(String text) throws SQLException {
    PreparedStatement ps =
        connection.prepareStatement(text, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    ps.setQueryTimeout(settings.timeoutSeconds());
    return ps;
  }

  /** Makes sure there is a usable connection; true when it was opened just now. */
  private boolean connect() throws ConnectorException {
    if (connection != null && System.nanoTime() - lastUsed > IDLE_CHECK_NANOS) {
      boolean valid;
      try {
        valid = connection.isValid(5);
      } catch (SQLException e) {
        valid = false;
      }
      if (!valid) {
        disconnect();
      }
    }
    if (connection != null) {
      return false;
    }
    connection = Connections.open(settings);
    lastUsed = System.nanoTime();
    context.log().log(
        Level.DEBUG, "connected to " + Redact.url(settings.url()) + " for " + settings.label());
    return true;
  }

  private boolean isClosed() {
    try {
      return connection == null || connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private void rollback() {
    if (connection != null && settings.dialect().needsTransactionToStream()) {
      try {
        connection.rollback();
      } catch (SQLException e) {
        disconnect();
      }
    }
  }

  private void disconnect() {
    Connections.closeQuietly(first);
    Connections.closeQuietly(after);
    Connections.closeQuietly(connection);
    first = null;
    after = null;
    connection = null;
  }

  @Override
  public void close() {
    closed = true;
    disconnect();
  }
}
