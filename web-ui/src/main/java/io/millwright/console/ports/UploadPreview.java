package io.millwright.console.ports;

import java.util.List;

/**
 * What writing a file would do, read from its start without writing anything.
 *
 * @param inferredColumns the columns the sample suggests (for declaring a new dataset)
 * @param addedColumns columns the upload would add to an existing dataset, e.g. "humidity decimal"
 * @param accepted whether the dataset would take the file; false with {@code problem} saying why
 * @param rows the first rows as read
 * @param sampledRows how many rows were read for the preview
 */
public record UploadPreview(
    List<String> sourceColumns,
    List<ColumnDraft> inferredColumns,
    List<String> addedColumns,
    boolean accepted,
    String problem,
    List<Line> rows,
    int sampledRows) {

  /**
   * One row of the file as read.
   *
   * @param problem why the row is broken, or null
   */
  public record Line(long number, List<String> cells, String problem) {}
}
