package io.millwright.model.text;

import io.millwright.model.support.FeatureEncoder;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import java.util.BitSet;
import java.util.List;

/**
 * A model's whole preprocessing: its TEXT columns hashed together into one block of {@link
 * TextHasher#buckets()} features (a word counts the same in a subject and a body), followed by the
 * other feature columns as {@link FeatureEncoder} encodes them (none when there are none).
 * Immutable and thread-safe.
 */
final class TextFeatures {

  private final List<Column> inputs;
  private final List<Column> text;
  private final TextHasher hasher;
  private final FeatureEncoder extra;

  /**
   * @param inputs every feature column, in the order of the spec
   * @param extra the encoder of the non-text columns among them; null when all are text
   */
  TextFeatures(List<Column> inputs, TextHasher hasher, FeatureEncoder extra) {
    this.inputs = List.copyOf(inputs);
    this.text = inputs.stream().filter(c -> c.kind() == ColumnKind.TEXT).toList();
    this.hasher = hasher;
    this.extra = extra;
    if (text.isEmpty()) {
      throw new IllegalArgumentException("no text column among " + inputs);
    }
  }

  List<Column> inputs() {
    return inputs;
  }

  List<Column> text() {
    return text;
  }

  TextHasher hasher() {
    return hasher;
  }

  /** The encoder of the non-text features, or null. */
  FeatureEncoder extra() {
    return extra;
  }

  /** Features per row: the hashed buckets, then the extra features. */
  int width() {
    return hasher.buckets() + (extra == null ? 0 : extra.width());
  }

  /**
   * Encodes a batch's rows and appends them to {@code out}.
   *
   * @param targets one per row (a class index), NaN to leave the row out; null to keep every row
   *     (with target 0)
   * @param noText when not null, the rows (numbered as in {@code out}) whose texts gave no feature
   *     at all (missing, empty or only punctuation) are set in it
   * @return false when {@code out} reached its limit of entries (it then holds only some rows)
   * @throws ModelException INVALID_INPUT when the batch lacks a feature column
   */
  boolean encode(DataBatch batch, float[] targets, SparseRows out, BitSet noText)
      throws ModelException {
    for (Column c : inputs) {
      if (!batch.has(c.name())) {
        throw ModelException.invalidInput("the rows have no column " + c.name());
      }
    }
    String[][] values = new String[text.size()][];
    for (int c = 0; c < values.length; c++) {
      values[c] = batch.strings(text.get(c).name());
    }
    float[] dense = extra == null ? null : extra.encode(batch);
    int extraWidth = extra == null ? 0 : extra.width();
    TextHasher.Codes codes = new TextHasher.Codes();
    for (int r = 0; r < batch.size(); r++) {
      if (targets != null && Float.isNaN(targets[r])) {
        continue;
      }
      codes.clear();
      for (String[] column : values) {
        hasher.codes(column[r], codes);
      }
      TextHasher.Sparse vector = TextHasher.vector(codes);
      if (noText != null && vector.size() == 0) {
        noText.set(out.rows());
      }
      float target = targets == null ? 0 : targets[r];
      if (!out.add(vector, dense, r * extraWidth, extraWidth, hasher.buckets(), target)) {
        return false;
      }
    }
    return true;
  }
}
