package io.millwright.model.torchscript;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import io.millwright.plugin.api.model.kit.KitTrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small runs for the unit tests: two numeric features x0, x1 and a target. */
final class Runs {

  static final Column X0 = new Column("x0", ColumnKind.NUMBER);
  static final Column X1 = new Column("x1", ColumnKind.NUMBER);
  static final Column X2 = new Column("x2", ColumnKind.NUMBER);
  static final Column Y = new Column("y", ColumnKind.NUMBER);
  static final Column ABOVE = new Column("above", ColumnKind.BOOLEAN);
  static final Column LABEL = new Column("label", ColumnKind.CATEGORY);

  private Runs() {}

  /**
   * x0 and x1 in halves from −4 to 4 (exact in float32), {@code rows} of them, a training batch of
   * 256 rows and the rest, and the same again for validation.
   */
  static List<double[]> points(int rows, long seed) {
    Random random = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add(new double[] {random.nextInt(17) / 2.0 - 4, random.nextInt(17) / 2.0 - 4});
    }
    return out;
  }

  /** y = 2·x0 − 3·x1 + 1, the linear-regression fixture's answer. */
  static TrainingData regression(int rows) {
    return data(Task.REGRESSION, Y, List.of(X0, X1), rows, p -> 2 * p[0] - 3 * p[1] + 1);
  }

  /** above = x0 + x1 > 1, the threshold classifier's answer (labels false, true). */
  static TrainingData threshold(Task task, int rows) {
    return data(task, ABOVE, List.of(X0, X1), rows, p -> p[0] + p[1] > 1 ? 1.0 : 0.0);
  }

  /** A category target with these labels, drawn at random. */
  static TrainingData categories(Task task, int rows, String... labels) {
    Random random = new Random(3);
    return data(task, LABEL, List.of(X0, X1), rows, p -> labels[random.nextInt(labels.length)]);
  }

  interface Answer {
    Object of(double[] p);
  }

  static TrainingData data(
      Task task, Column target, List<Column> features, int rows, Answer answer) {
    List<Column> columns = new ArrayList<>(features);
    columns.add(target);
    TrainingSpec spec = new TrainingSpec(task, target, features, null, Map.of(), 1L);
    return new KitTrainingData(
        spec,
        batches(columns, features.size(), points(rows, 1), answer),
        batches(columns, features.size(), points(rows, 2), answer));
  }

  static List<DataBatch> batches(
      List<Column> columns, int features, List<double[]> points, Answer answer) {
    List<DataBatch> out = new ArrayList<>();
    DataBatch.Builder b = DataBatch.builder(columns);
    for (double[] p : points) {
      Object[] row = new Object[columns.size()];
      for (int f = 0; f < features; f++) {
        row[f] = f < p.length ? p[f] : 0.0;
      }
      row[features] = answer.of(p);
      b.row(row);
      if (b.size() == 256) {
        out.add(b.build());
        b = DataBatch.builder(columns);
      }
    }
    if (b.size() > 0) {
      out.add(b.build());
    }
    return out;
  }

  /** A batch of the feature columns only, as predictions get them. */
  static DataBatch inputs(List<Column> features, Object[]... rows) {
    DataBatch.Builder b = DataBatch.builder(features);
    for (Object[] r : rows) {
      b.row(r);
    }
    return b.build();
  }
}
