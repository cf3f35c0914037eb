package io.millwright.model.support;

/**
 * Encoded rows for a network: {@code rows × width} features, row by row, and one target per row (a
 * class index for classification, the scaled value for regression).
 */
public record Examples(float[] features, float[] targets, int rows) {

  public Examples {
    if (targets.length != rows || (rows > 0 && features.length % rows != 0)) {
      throw new IllegalArgumentException(
          features.length + " features and " + targets.length + " targets for " + rows + " rows");
    }
  }

  /** Features per row. */
  public int width() {
    return rows == 0 ? 0 : features.length / rows;
  }
}
