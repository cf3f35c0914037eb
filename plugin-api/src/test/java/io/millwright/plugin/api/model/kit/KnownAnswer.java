package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Data made to have a known answer for each task, with the metric the host would use and its naive
 * baseline: a clear class boundary, a linear rule, a daily season, injected anomalies, keywords
 * that name the class. A model type that learns anything at all beats the baseline by far.
 *
 * @param better whether a score beats the baseline clearly enough (the kit's pass mark)
 */
public record KnownAnswer(
    TrainingData data,
    DataBatch validation,
    String metric,
    Scorer scorer,
    double baseline,
    Verdict better) {

  /** The metric of predictions on the validation rows. */
  public interface Scorer {
    double score(Predictions p, DataBatch validation);
  }

  public interface Verdict {
    boolean clearlyBetter(double score, double baseline);
  }

  static final int TRAIN = 2000;
  static final int VALIDATE = 500;
  static final int BATCH = 256;

  public static KnownAnswer forTask(Task task, Map<String, String> hyperParameters, long seed) {
    return forTask(task, hyperParameters, seed, EnumSet.allOf(ColumnKind.class));
  }

  /**
   * The known answer with only the feature kinds a type takes, as the host would offer its columns:
   * for a type that takes no {@link ColumnKind#CATEGORY}, the classification and regression data's
   * {@code region} becomes {@code east}, a NUMBER that is 1 in the east and 0 elsewhere (the same
   * rows and the same answer). The features are then, in order: classification {@code x1, x2, east}
   * (the class depends on x1 and x2 only), regression {@code x1, x2, east} with {@code y = 3·x1 −
   * 2·x2 + 5·east} plus noise of standard deviation 0.1.
   */
  public static KnownAnswer forTask(
      Task task, Map<String, String> hyperParameters, long seed, Set<ColumnKind> featureKinds) {
    boolean categories = featureKinds.contains(ColumnKind.CATEGORY);
    return switch (task) {
      case BINARY_CLASSIFICATION -> classification(hyperParameters, seed, 2, categories);
      case MULTICLASS_CLASSIFICATION -> classification(hyperParameters, seed, 3, categories);
      case REGRESSION -> regression(hyperParameters, seed, categories);
      case FORECASTING -> forecasting(hyperParameters, seed);
      case ANOMALY_DETECTION -> anomalies(hyperParameters, seed);
      case TEXT_CLASSIFICATION -> text(hyperParameters, seed);
    };
  }

  // ---- data ----------------------------------------------------------------------------------

  private static final List<String> REGIONS = List.of("north", "south", "east", "west");

  /** The region column, or its numeric stand-in for types that take no categories. */
  private static Column region(boolean categories) {
    return categories
        ? new Column("region", ColumnKind.CATEGORY)
        : new Column("east", ColumnKind.NUMBER);
  }

  private static Object region(String r, boolean categories) {
    return categories ? r : (Object) (r.equals("east") ? 1.0 : 0.0);
  }

  /**
   * Two numbers and a region; the class is the sector of (x1, x2) the point lies in: two classes
   * {@code yes} when x1 + x2 > 0, else {@code no}; three classes by the angle of (x1, x2), {@code
   * red}, {@code green}, {@code blue} in thirds of the circle starting from the negative x1 axis.
   */
  private static KnownAnswer classification(
      Map<String, String> hp, long seed, int classes, boolean categories) {
    Random random = new Random(42);
    Column x1 = new Column("x1", ColumnKind.NUMBER);
    Column x2 = new Column("x2", ColumnKind.NUMBER);
    Column region = region(categories);
    Column label = new Column("label", ColumnKind.CATEGORY);
    List<Column> all = List.of(x1, x2, region, label);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < TRAIN + VALIDATE; i++) {
      double a = random.nextGaussian() * 3;
      double b = random.nextGaussian() * 3;
      String cls;
      if (classes == 2) {
        cls = a + b > 0 ? "yes" : "no";
      } else {
        double angle = Math.atan2(b, a) + Math.PI; // 0..2π in three sectors
        cls = angle < 2 * Math.PI / 3 ? "red" : angle < 4 * Math.PI / 3 ? "green" : "blue";
      }
      // A few missing values, as real tables have; the answer does not depend on them.
      rows.add(
          new Object[] {
            a,
            i % 97 == 0 ? null : b,
            region(REGIONS.get(random.nextInt(REGIONS.size())), categories),
            cls
          });
    }
    TrainingSpec spec =
        new TrainingSpec(
            classes == 2 ? Task.BINARY_CLASSIFICATION : Task.MULTICLASS_CLASSIFICATION,
            label,
            List.of(x1, x2, region),
            null,
            hp,
            seed);
    return classified(spec, all, rows);
  }

  /** Short notes whose words name their department, among filler. */
  private static KnownAnswer text(Map<String, String> hp, long seed) {
    Random random = new Random(7);
    Map<String, List<String>> words =
        Map.of(
            "billing", List.of("invoice", "payment", "refund", "charged", "vat", "credit"),
            "shipping", List.of("delivery", "parcel", "courier", "tracking", "late", "pallet"),
            "support", List.of("password", "login", "error", "crash", "screen", "reset"));
    List<String> filler =
        List.of("please", "hello", "order", "thanks", "customer", "today", "our", "the", "we");
    List<String> classes = List.of("billing", "shipping", "support");
    Column note = new Column("note", ColumnKind.TEXT);
    Column team = new Column("team", ColumnKind.CATEGORY);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < TRAIN + VALIDATE; i++) {
      String cls = classes.get(random.nextInt(3));
      List<String> sentence = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        sentence.add(filler.get(random.nextInt(filler.size())));
      }
      for (int k = 0; k < 2; k++) {
        List<String> own = words.get(cls);
        sentence.add(random.nextInt(sentence.size()), own.get(random.nextInt(own.size())));
      }
      rows.add(new Object[] {String.join(" ", sentence), cls});
    }
    TrainingSpec spec =
        new TrainingSpec(Task.TEXT_CLASSIFICATION, team, List.of(note), null, hp, seed);
    return classified(spec, List.of(note, team), rows);
  }

  private static KnownAnswer classified(TrainingSpec spec, List<Column> all, List<Object[]> rows) {
    int target = all.indexOf(spec.target());
    Map<String, Integer> counts = new HashMap<>();
    for (Object[] r : rows.subList(0, TRAIN)) {
      counts.merge((String) r[target], 1, Integer::sum);
    }
    String majority =
        counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    DataBatch validation = batch(all, rows.subList(TRAIN, rows.size()));
    String[] truth = validation.strings(spec.target().name());
    double baseline = 0;
    for (String t : truth) {
      baseline += t.equals(majority) ? 1 : 0;
    }
    baseline /= truth.length;
    Scorer accuracy =
        (p, v) -> {
          String[] actual = v.strings(spec.target().name());
          double right = 0;
          for (int i = 0; i < actual.length; i++) {
            right += actual[i].equals(p.label(i)) ? 1 : 0;
          }
          return right / actual.length;
        };
    return new KnownAnswer(
        data(spec, all, rows),
        validation,
        "accuracy",
        accuracy,
        baseline,
        (score, base) -> score >= 0.85 && score >= base + 0.25);
  }

  /** y = 3·x1 − 2·x2 + 5 in the east, plus a little noise; baseline the training mean. */
  private static KnownAnswer regression(Map<String, String> hp, long seed, boolean categories) {
    Random random = new Random(11);
    Column x1 = new Column("x1", ColumnKind.NUMBER);
    Column x2 = new Column("x2", ColumnKind.NUMBER);
    Column region = region(categories);
    Column y = new Column("y", ColumnKind.NUMBER);
    List<Column> all = List.of(x1, x2, region, y);
    List<Object[]> rows = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < TRAIN + VALIDATE; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      String r = REGIONS.get(random.nextInt(REGIONS.size()));
      double value = 3 * a - 2 * b + (r.equals("east") ? 5 : 0) + random.nextGaussian() * 0.1;
      rows.add(new Object[] {a, b, region(r, categories), value});
      if (i < TRAIN) {
        sum += value;
      }
    }
    TrainingSpec spec =
        new TrainingSpec(Task.REGRESSION, y, List.of(x1, x2, region), null, hp, seed);
    double mean = sum / TRAIN;
    DataBatch validation = batch(all, rows.subList(TRAIN, rows.size()));
    double[] actual = validation.numbers("y");
    double[] constant = new double[actual.length];
    java.util.Arrays.fill(constant, mean);
    return new KnownAnswer(
        data(spec, all, rows),
        validation,
        "rmse",
        (p, v) -> rmse(values(p), v.numbers("y")),
        rmse(constant, actual),
        (score, base) -> score <= 0.35 * base);
  }

  /** Hourly demand with a daily season; baseline the last training value repeated. */
  private static KnownAnswer forecasting(Map<String, String> hp, long seed) {
    Random random = new Random(5);
    Column at = new Column("at", ColumnKind.TIMESTAMP);
    Column demand = new Column("demand", ColumnKind.NUMBER);
    List<Column> all = List.of(at, demand);
    List<Object[]> rows = new ArrayList<>();
    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    for (int h = 0; h < TRAIN + VALIDATE; h++) {
      double value =
          100 + 30 * Math.sin(2 * Math.PI * (h % 24) / 24.0) + h * 0.01 + random.nextGaussian();
      rows.add(new Object[] {start.plusSeconds(3600L * h), value});
    }
    TrainingSpec spec = new TrainingSpec(Task.FORECASTING, demand, List.of(at), "at", hp, seed);
    DataBatch validation = batch(all, rows.subList(TRAIN, rows.size()));
    double last = (double) rows.get(TRAIN - 1)[1];
    double[] actual = validation.numbers("demand");
    double[] naive = new double[actual.length];
    java.util.Arrays.fill(naive, last);
    return new KnownAnswer(
        data(spec, all, rows),
        validation,
        "mae",
        (p, v) -> mae(values(p), v.numbers("demand")),
        mae(naive, actual),
        (score, base) -> score <= 0.5 * base);
  }

  /**
   * Two correlated sensor readings with 2% injected faults (a jump in one reading that breaks the
   * correlation); the "fault" column marks them for evaluation only. Baseline flags nothing (F1 0).
   */
  private static KnownAnswer anomalies(Map<String, String> hp, long seed) {
    Random random = new Random(3);
    Column temperature = new Column("temperature", ColumnKind.NUMBER);
    Column vibration = new Column("vibration", ColumnKind.NUMBER);
    Column fault = new Column("fault", ColumnKind.BOOLEAN);
    List<Column> all = List.of(temperature, vibration, fault);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < TRAIN + VALIDATE; i++) {
      double t = 60 + random.nextGaussian() * 3;
      double v = 0.5 + (t - 60) * 0.05 + random.nextGaussian() * 0.02;
      boolean broken = random.nextDouble() < 0.02;
      if (broken) {
        v += random.nextBoolean() ? 0.6 : -0.6;
      }
      rows.add(new Object[] {t, v, broken});
    }
    TrainingSpec spec =
        new TrainingSpec(
            Task.ANOMALY_DETECTION, fault, List.of(temperature, vibration), null, hp, seed);
    DataBatch validation = batch(all, rows.subList(TRAIN, rows.size()));
    return new KnownAnswer(
        data(spec, all, rows),
        validation,
        "f1",
        (p, v) -> f1(p, v.numbers("fault")),
        0.0,
        (score, base) -> score >= 0.6);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static TrainingData data(TrainingSpec spec, List<Column> all, List<Object[]> rows) {
    return new KitTrainingData(
        spec, batches(all, rows.subList(0, TRAIN)), batches(all, rows.subList(TRAIN, rows.size())));
  }

  static List<DataBatch> batches(List<Column> columns, List<Object[]> rows) {
    List<DataBatch> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += BATCH) {
      out.add(batch(columns, rows.subList(from, Math.min(rows.size(), from + BATCH))));
    }
    return out;
  }

  static DataBatch batch(List<Column> columns, List<Object[]> rows) {
    DataBatch.Builder b = DataBatch.builder(columns);
    rows.forEach(b::row);
    return b.build();
  }

  static double[] values(Predictions p) {
    double[] v = new double[p.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = p.value(i);
    }
    return v;
  }

  static double rmse(double[] predicted, double[] actual) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = predicted[i] - actual[i];
      sum += d * d;
    }
    return Math.sqrt(sum / actual.length);
  }

  static double mae(double[] predicted, double[] actual) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(predicted[i] - actual[i]);
    }
    return sum / actual.length;
  }

  static double f1(Predictions p, double[] truth) {
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (int i = 0; i < truth.length; i++) {
      boolean actual = truth[i] > 0.5;
      boolean flagged = p.flagged(i);
      tp += actual && flagged ? 1 : 0;
      fp += !actual && flagged ? 1 : 0;
      fn += actual && !flagged ? 1 : 0;
    }
    return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
  }
}
