package io.millwright.server.models.training;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A dataset version read for training, split and batched the same way for every model type: the
 * rows of the pinned snapshot (deleted rows excluded), in random order from the seed or in the time
 * column's order, the last {@code validationFraction} held out.
 */
public final class SnapshotData implements TrainingData {

  static final int BATCH_ROWS = 1024;

  private final TrainingSpec spec;
  private final List<Column> columns;
  private final List<DataBatch> training;
  private final List<DataBatch> validation;
  private final long trainingRows;
  private final long validationRows;

  private SnapshotData(
      TrainingSpec spec,
      List<Column> columns,
      List<DataBatch> training,
      List<DataBatch> validation,
      long trainingRows,
      long validationRows) {
    this.spec = spec;
    this.columns = columns;
    this.training = training;
    this.validation = validation;
    this.trainingRows = trainingRows;
    this.validationRows = validationRows;
  }

  /**
   * Reads and splits.
   *
   * @throws ModelException {@code INVALID_INPUT} for too few or too many rows
   */
  public static SnapshotData read(
      Table table,
      long snapshotId,
      TrainingSpec spec,
      boolean timeSplit,
      double validationFraction,
      long maxRows)
      throws ModelException {
    List<Column> columns = columnsOf(spec);
    List<Object[]> rows = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      for (Record r : records) {
        if (rows.size() >= maxRows) {
          throw ModelException.invalidInput(
              "The dataset version has more than "
                  + maxRows
                  + " rows, the most a training run reads (millwright.training.max-rows);"
                  + " train on a sample (an SQL transform) instead.");
        }
        Object[] row = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
          row[c] = value(r.getField(columns.get(c).name()));
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int time = timeSplit ? indexOf(columns, spec.timeColumn()) : -1;
    if (time >= 0) {
      // Rows without a time cannot be placed in the series; they are left out.
      rows.removeIf(r -> r[time] == null);
      rows.sort(Comparator.comparing(r -> (Instant) r[time]));
    } else {
      Collections.shuffle(rows, new Random(spec.seed()));
    }
    int held = (int) Math.round(rows.size() * validationFraction);
    if (rows.size() < 20 || held < 5 || rows.size() - held < 10) {
      throw ModelException.invalidInput(
          "The dataset version has "
              + rows.size()
              + " usable rows; training needs at least 20, with at least 5 held out for"
              + " evaluation.");
    }
    List<Object[]> learn = rows.subList(0, rows.size() - held);
    List<Object[]> check = rows.subList(rows.size() - held, rows.size());
    return new SnapshotData(
        spec, columns, batches(columns, learn), batches(columns, check), learn.size(), held);
  }

  /** The features, then the target and the time column when they are not features already. */
  static List<Column> columnsOf(TrainingSpec spec) {
    LinkedHashSet<Column> all = new LinkedHashSet<>(spec.features());
    if (spec.target() != null) {
      all.add(spec.target());
    }
    if (spec.timeColumn() != null
        && spec.features().stream().noneMatch(c -> c.name().equals(spec.timeColumn()))) {
      all.add(new Column(spec.timeColumn(), io.millwright.plugin.api.model.ColumnKind.TIMESTAMP));
    }
    return List.copyOf(all);
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static List<DataBatch> batches(List<Column> columns, List<Object[]> rows) {
    List<DataBatch> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += BATCH_ROWS) {
      DataBatch.Builder b = DataBatch.builder(columns);
      rows.subList(from, Math.min(rows.size(), from + BATCH_ROWS)).forEach(b::row);
      out.add(b.build());
    }
    return out;
  }

  /** Iceberg's generic values as the batch builder takes them. */
  static Object value(Object v) {
    if (v instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.doubleValue();
    }
    return v;
  }

  public List<Column> columns() {
    return columns;
  }

  @Override
  public TrainingSpec spec() {
    return spec;
  }

  @Override
  public Iterable<DataBatch> training() {
    return training;
  }

  @Override
  public Iterable<DataBatch> validation() {
    return validation;
  }

  @Override
  public long trainingRows() {
    return trainingRows;
  }

  @Override
  public long validationRows() {
    return validationRows;
  }
}
