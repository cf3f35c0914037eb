package io.millwright.model.support;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns table rows into the float vectors a network takes, the same way in training and after
 * loading, as part of the model (saved in its artifact, {@link #FILE}).
 *
 * <p>Fitted in one pass over the training batches:
 *
 * <ul>
 *   <li>NUMBER and TIMESTAMP (epoch seconds): standardized, {@code (v - mean) / std} (std 1 when
 *       the column is constant); a missing value (NaN, or infinite) becomes the mean, i.e. 0 after
 *       scaling, and when any training value was missing a 0/1 "was missing" column follows. Scaled
 *       values are clipped to ±{@value #CLIP} so that an absurd input (1e9) cannot overflow the
 *       network's floats.
 *   <li>BOOLEAN: 0 or 1; missing becomes the share of true in training, plus the "was missing"
 *       column as for numbers.
 *   <li>CATEGORY: one-hot over the categories seen in training, the {@value #MAX_CATEGORIES} most
 *       frequent at most (ties by name), in sorted order; an unseen or missing category is all
 *       zeros.
 * </ul>
 *
 * <p>Deterministic: the same batches in the same order give the same encoder, and its JSON is the
 * same bytes. Immutable and thread-safe once fitted.
 */
public final class FeatureEncoder {

  /** The file name in a model's artifact folder. */
  public static final String FILE = "encoder.json";

  public static final int MAX_CATEGORIES = 50;

  /** Scaled values beyond this many standard deviations are clipped. */
  public static final double CLIP = 100;

  /** Bumped when the encoding changes; {@link #fromJson} reads every format up to it. */
  static final int FORMAT = 1;

  /**
   * While counting a category column, its distinct values are cut back to the {@value
   * #KEEP_WHEN_PRUNING} most frequent whenever they pass {@value #PRUNE_AT} (an id-like column must
   * not fill the memory); the top {@value #MAX_CATEGORIES} of a column with that many values are
   * approximate anyway.
   */
  static final int PRUNE_AT = 100_000;

  static final int KEEP_WHEN_PRUNING = 10_000;

  /** How one column is encoded. */
  sealed interface Encoding permits Scaled, OneHot {
    Column column();

    int width();
  }

  /** NUMBER, TIMESTAMP or BOOLEAN; BOOLEAN is not scaled (mean = fill, std = 1). */
  record Scaled(Column column, double mean, double std, boolean missingIndicator)
      implements Encoding {
    @Override
    public int width() {
      return missingIndicator ? 2 : 1;
    }
  }

  record OneHot(Column column, List<String> categories) implements Encoding {
    OneHot {
      categories = List.copyOf(categories);
    }

    @Override
    public int width() {
      return categories.size();
    }
  }

  private final List<Encoding> encodings;
  private final int width;
  private final List<Map<String, Integer>> codes;

  private FeatureEncoder(List<Encoding> encodings) {
    this.encodings = List.copyOf(encodings);
    this.width = encodings.stream().mapToInt(Encoding::width).sum();
    List<Map<String, Integer>> c = new ArrayList<>();
    for (Encoding e : encodings) {
      Map<String, Integer> m = new HashMap<>();
      if (e instanceof OneHot h) {
        for (int i = 0; i < h.categories().size(); i++) {
          m.put(h.categories().get(i), i);
        }
      }
      c.add(m);
    }
    this.codes = c;
  }

  /**
   * Fits an encoder to the training rows.
   *
   * @param features the feature columns, in the order the encoded vector follows
   * @throws ModelException INVALID_INPUT for a column kind it cannot encode (TEXT), a feature
   *     missing from the batches, or no features at all
   */
  public static FeatureEncoder fit(List<Column> features, Iterable<DataBatch> training)
      throws ModelException {
    if (features.isEmpty()) {
      throw ModelException.invalidInput("there are no feature columns to learn from");
    }
    List<Stats> stats = new ArrayList<>();
    for (Column c : features) {
      if (c.kind() == ColumnKind.TEXT) {
        throw ModelException.invalidInput(
            "column " + c.name() + " is free text, which this model type cannot use as a feature");
      }
      stats.add(new Stats(c));
    }
    for (DataBatch batch : training) {
      for (Stats s : stats) {
        if (!batch.has(s.column.name())) {
          throw ModelException.invalidInput("the data has no column " + s.column.name());
        }
        s.add(batch);
      }
    }
    List<Encoding> encodings = new ArrayList<>();
    for (Stats s : stats) {
      encodings.add(s.encoding());
    }
    return new FeatureEncoder(encodings);
  }

  /** Per-column accumulation while fitting. */
  private static final class Stats {
    final Column column;
    long count;
    long missing;
    double mean;
    double m2;
    Map<String, Long> categories = new HashMap<>();

    Stats(Column column) {
      this.column = column;
    }

    void add(DataBatch batch) {
      if (column.kind().numeric()) {
        for (double v : batch.numbers(column.name())) {
          if (!Double.isFinite(v)) {
            missing++;
            continue;
          }
          count++; // Welford: stable for epoch seconds around 1.7e9
          double delta = v - mean;
          mean += delta / count;
          m2 += delta * (v - mean);
        }
      } else {
        for (String v : batch.strings(column.name())) {
          if (v == null) {
            missing++;
            continue;
          }
          count++;
          categories.merge(v, 1L, Long::sum);
        }
        if (categories.size() > PRUNE_AT) {
          categories = top(categories, KEEP_WHEN_PRUNING);
        }
      }
    }

    Encoding encoding() {
      if (column.kind() == ColumnKind.CATEGORY) {
        List<String> kept = new ArrayList<>(top(categories, MAX_CATEGORIES).keySet());
        kept.sort(Comparator.naturalOrder());
        return new OneHot(column, kept);
      }
      boolean indicator = missing > 0;
      if (count == 0) {
        return new Scaled(column, 0, 1, indicator);
      }
      if (column.kind() == ColumnKind.BOOLEAN) {
        return new Scaled(column, mean, 1, indicator);
      }
      double std = Math.sqrt(m2 / count);
      return new Scaled(column, mean, std > 0 && Double.isFinite(std) ? std : 1, indicator);
    }

    /** The most frequent values, ties by name (deterministic whatever the map's order). */
    static Map<String, Long> top(Map<String, Long> counts, int n) {
      Map<String, Long> out = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(n)
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return new HashMap<>(out);
    }
  }

  /** The number of floats per row. */
  public int width() {
    return width;
  }

  /** The columns it encodes, in order. */
  public List<Column> columns() {
    return encodings.stream().map(Encoding::column).toList();
  }

  /** A name for each encoded position: {@code x1}, {@code x1 (missing)}, {@code region=east}. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (Encoding e : encodings) {
      if (e instanceof Scaled s) {
        names.add(s.column().name());
        if (s.missingIndicator()) {
          names.add(s.column().name() + " (missing)");
        }
      } else if (e instanceof OneHot h) {
        h.categories().forEach(c -> names.add(h.column().name() + "=" + c));
      }
    }
    return names;
  }

  /** Encodes every row of a batch, row by row ({@code size() × width()} floats). */
  public float[] encode(DataBatch batch) throws ModelException {
    float[] out = new float[batch.size() * width];
    encode(batch, out, 0);
    return out;
  }

  /**
   * Encodes every row of a batch into {@code out} from {@code offset} on.
   *
   * @throws ModelException INVALID_INPUT when the batch lacks a feature column
   */
  public void encode(DataBatch batch, float[] out, int offset) throws ModelException {
    int rows = batch.size();
    Objects.checkFromIndexSize(offset, rows * width, out.length);
    int position = 0;
    for (int e = 0; e < encodings.size(); e++) {
      Encoding encoding = encodings.get(e);
      String name = encoding.column().name();
      if (!batch.has(name)) {
        throw ModelException.invalidInput("the rows have no column " + name);
      }
      if (encoding instanceof Scaled s) {
        double[] values = batch.numbers(name);
        boolean isBoolean = s.column().kind() == ColumnKind.BOOLEAN;
        for (int r = 0; r < rows; r++) {
          double v = values[r];
          boolean missing = !Double.isFinite(v);
          double scaled;
          if (isBoolean) {
            scaled = missing ? s.mean() : v != 0 ? 1 : 0;
          } else {
            scaled = missing ? 0 : Math.max(-CLIP, Math.min(CLIP, (v - s.mean()) / s.std()));
          }
          int at = offset + r * width + position;
          out[at] = (float) scaled;
          if (s.missingIndicator()) {
            out[at + 1] = missing ? 1f : 0f;
          }
        }
      } else {
        OneHot h = (OneHot) encoding;
        Map<String, Integer> code = codes.get(e);
        String[] values = batch.strings(name);
        for (int r = 0; r < rows; r++) {
          int at = offset + r * width + position;
          java.util.Arrays.fill(out, at, at + h.width(), 0f);
          Integer i = values[r] == null ? null : code.get(values[r]);
          if (i != null) {
            out[at + i] = 1f;
          }
        }
      }
      position += encoding.width();
    }
  }

  // ---- the artifact file -----------------------------------------------------------------------

  /** The encoder as JSON: {@code {"format": 1, "columns": [{"name", "kind", ...}]}}. */
  public String toJson() {
    List<Object> columns = new ArrayList<>();
    for (Encoding e : encodings) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", e.column().name());
      c.put("kind", e.column().kind().name());
      if (e instanceof Scaled s) {
        c.put("mean", s.mean());
        c.put("std", s.std());
        c.put("missingIndicator", s.missingIndicator());
      } else if (e instanceof OneHot h) {
        c.put("categories", h.categories());
      }
      columns.add(c);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("width", width);
    root.put("columns", columns);
    return Json.write(root);
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException when it is not an encoder of a known format
   */
  @SuppressWarnings("unchecked")
  public static FeatureEncoder fromJson(String json) {
    Map<String, Object> root = (Map<String, Object>) Json.read(json);
    long format = (Long) root.get("format");
    if (format < 1 || format > FORMAT) {
      throw new IllegalArgumentException("encoder format " + format + " is newer than " + FORMAT);
    }
    List<Encoding> encodings = new ArrayList<>();
    for (Object o : (List<Object>) root.get("columns")) {
      Map<String, Object> c = (Map<String, Object>) o;
      Column column =
          new Column((String) c.get("name"), ColumnKind.valueOf((String) c.get("kind")));
      if (column.kind() == ColumnKind.CATEGORY) {
        List<String> categories = new ArrayList<>();
        ((List<Object>) c.get("categories")).forEach(v -> categories.add((String) v));
        encodings.add(new OneHot(column, categories));
      } else {
        encodings.add(
            new Scaled(
                column,
                number(c.get("mean")),
                number(c.get("std")),
                (Boolean) c.get("missingIndicator")));
      }
    }
    FeatureEncoder encoder = new FeatureEncoder(encodings);
    Object width = root.get("width");
    if (width != null && ((Long) width) != encoder.width) {
      throw new IllegalArgumentException("encoder width " + width + " != " + encoder.width);
    }
    return encoder;
  }

  private static double number(Object o) {
    return ((Number) o).doubleValue();
  }

  /** Writes {@link #FILE} into a model's folder. */
  public void save(Path folder) throws IOException {
    Files.writeString(folder.resolve(FILE), toJson(), StandardCharsets.UTF_8);
  }

  /** Reads {@link #FILE} from a model's folder. */
  public static FeatureEncoder load(Path folder) throws IOException {
    try {
      return fromJson(Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException("cannot read " + FILE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureEncoder other && other.encodings.equals(encodings);
  }

  @Override
  public int hashCode() {
    return encodings.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureEncoder" + featureNames();
  }
}
