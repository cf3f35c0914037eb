package io.millwright.server.datasets;

import java.util.List;

/**
 * A column as a person declares it (request body). {@link DatasetContract} validates it.
 *
 * @param name lowercase snake_case
 * @param type string, integer, decimal, boolean, date or timestamp
 * @param unit the unit values are stored in; values carrying another convertible unit are converted
 *     on write
 * @param term the glossary term the column binds to; its type, unit and allowed values become part
 *     of the column's contract
 * @param pii whether the column holds personal data (shown, exported and erased accordingly)
 * @param required rule: no nulls
 * @param min rule: smallest allowed number
 * @param max rule: largest allowed number
 * @param pattern rule: regular expression a text value must match entirely
 * @param allowedValues rule: the only values allowed (in addition to the glossary term's)
 */
public record ColumnSpec(
    String name,
    String type,
    String unit,
    String description,
    String term,
    Boolean pii,
    Boolean required,
    Double min,
    Double max,
    String pattern,
    List<String> allowedValues) {

  public static ColumnSpec of(String name, String type) {
    return new ColumnSpec(name, type, null, null, null, null, null, null, null, null, null);
  }
}
