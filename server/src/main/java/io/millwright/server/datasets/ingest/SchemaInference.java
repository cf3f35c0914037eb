package io.millwright.server.datasets.ingest;

import io.millwright.server.glossary.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes a schema from a sample of rows. The proposal is shown to the user before ingest, so it
 * prefers the narrowest type that every sampled value fits; one stray text value keeps a column
 * STRING rather than turning the rest into failures.
 */
public final class SchemaInference {

  /** Tried narrowest first; STRING is the fallback. */
  private static final List<DataType> CANDIDATES =
      List.of(
          DataType.BOOLEAN, DataType.INTEGER, DataType.DECIMAL, DataType.DATE, DataType.TIMESTAMP);

  /** Inference asks for words; 0/1 columns are far more often counts or codes than flags. */
  private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no");

  private SchemaInference() {}

  /**
   * Infers each column from the sample. Broken rows are ignored: their cells are not aligned with
   * the header, so they say nothing about any one column.
   */
  public static List<InferredColumn> infer(
      List<String> columns, List<SourceRow> sample, ParseOptions options) {
    ValueParser parser = new ValueParser(options);
    List<SourceRow> rows = sample.stream().filter(row -> !row.isBroken()).toList();
    List<String> baseNames = new ArrayList<>(columns.size());
    List<String> headerUnits = new ArrayList<>(columns.size());
    for (String column : columns) {
      // The unit is kept in its own field, so "temp (°C)" is named "temp".
      headerUnits.add(ColumnNames.unitOf(column).orElse(null));
      baseNames.add(ColumnNames.withoutUnit(column));
    }
    List<String> names = ColumnNames.normalize(baseNames);
    List<InferredColumn> result = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      List<String> values = new ArrayList<>();
      int nulls = 0;
      for (SourceRow row : rows) {
        String cell = row.cell(i);
        if (ValueParser.isMissing(cell)) {
          nulls++;
        } else {
          values.add(cell.trim());
        }
      }
      String unit = headerUnits.get(i) != null ? headerUnits.get(i) : valueUnit(values);
      DataType type = values.isEmpty() ? DataType.STRING : narrowestType(values, unit, parser);
      result.add(
          new InferredColumn(
              columns.get(i),
              names.get(i),
              type,
              type == DataType.INTEGER || type == DataType.DECIMAL ? unit : null,
              nulls > 0,
              rows.isEmpty() ? 0.0 : (double) nulls / rows.size()));
    }
    return result;
  }

  /**
   * The date order the sample proves: DMY when some year-last date (01/03/2024, 01.03.2024) has a
   * first part above 12, MDY when some has a second part above 12. Null when no value decides it,
   * or when values contradict each other (then the upload's own setting has to decide).
   */
  public static DateOrder detectDateOrder(List<SourceRow> sample) {
    boolean dayFirst = false;
    boolean monthFirst = false;
    for (SourceRow row : sample) {
      if (row.isBroken()) {
        continue;
      }
      for (String cell : row.cells()) {
        if (cell == null) {
          continue;
        }
        DateOrder evidence = DateText.evidence(datePart(cell.trim()));
        dayFirst |= evidence == DateOrder.DMY;
        monthFirst |= evidence == DateOrder.MDY;
      }
    }
    if (dayFirst == monthFirst) {
      return null;
    }
    return dayFirst ? DateOrder.DMY : DateOrder.MDY;
  }

  /** "13/03/2024 10:00" decides the order as much as "13/03/2024". */
  private static String datePart(String cell) {
    int space = cell.indexOf(' ');
    return space < 0 ? cell : cell.substring(0, space);
  }

  private static DataType narrowestType(List<String> values, String unit, ValueParser parser) {
    for (DataType candidate : CANDIDATES) {
      if (candidate == DataType.BOOLEAN && !values.stream().allMatch(SchemaInference::isWord)) {
        continue;
      }
      if (values.stream().noneMatch(v -> parser.parse(v, candidate, unit).isFailure())) {
        return candidate;
      }
    }
    return DataType.STRING;
  }

  private static boolean isWord(String value) {
    return BOOLEAN_WORDS.contains(value.toLowerCase(Locale.ROOT));
  }

  /**
   * The unit the values carry themselves: when every value has a known unit of one dimension, the
   * most common one (first seen on a tie), since the others convert to it.
   */
  private static String valueUnit(List<String> values) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String value : values) {
      Optional<String> unit =
          Optional.ofNullable(Quantity.split(value).unit()).flatMap(Units::canonical);
      if (unit.isEmpty()) {
        return null;
      }
      counts.merge(unit.get(), 1, Integer::sum);
    }
    String first = counts.keySet().stream().findFirst().orElse(null);
    if (first == null || !counts.keySet().stream().allMatch(u -> Units.convertible(u, first))) {
      return null;
    }
    String best = first;
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      if (entry.getValue() > counts.get(best)) {
        best = entry.getKey();
      }
    }
    return best;
  }
}
