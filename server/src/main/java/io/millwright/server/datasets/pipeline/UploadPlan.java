package io.millwright.server.datasets.pipeline;

import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.DatasetContract;
import io.millwright.server.datasets.ingest.ColumnNames;
import io.millwright.server.datasets.ingest.InferredColumn;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.ingest.SchemaInference;
import io.millwright.server.datasets.ingest.SourceRow;
import io.millwright.server.datasets.ingest.ValueParser;
import io.millwright.server.datasets.maintenance.Widening;
import io.millwright.server.glossary.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a file's columns meet a dataset's contract, decided from the header and a sample before any
 * row is written: which source column feeds which dataset column, and which columns the file adds
 * (schema evolution). A file that cannot be written at all (a required column missing, two headers
 * for one column, unknown columns under a strict policy) is refused here as a whole, with a message
 * naming the columns, rather than quarantining every row.
 *
 * @param sourceIndex for each contract column (after evolution), the index of the source column
 *     that feeds it, or -1 when the file lacks it
 * @param sourceUnit for each contract column, the unit its source header names ("Temp (°F)"), which
 *     values without a unit of their own are in; null when the header names none
 * @param added columns the file adds to the dataset (inferred from the sample)
 * @param widened columns, as they were, whose values in the file's sample only a wider type reads:
 *     whole numbers with fractions ("12.5") become decimals, dates with times ("2024-03-01 10:00")
 *     timestamps (safe widening: every value the column held keeps its meaning); the contract
 *     already has them in the wider type
 */
public record UploadPlan(
    DatasetContract contract,
    int[] sourceIndex,
    String[] sourceUnit,
    List<Column> added,
    List<Column> widened) {

  /** Why a file as a whole cannot go into the dataset (422). */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  public static UploadPlan of(
      DatasetContract contract, List<String> header, List<SourceRow> sample, ParseOptions options) {
    Map<String, Integer> byName = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    List<Integer> unknownIndex = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String raw = header.get(i);
      String name = contract.column(raw).isPresent() ? raw : ColumnNames.columnNameOf(raw, i + 1);
      if (byName.containsKey(name)) {
        throw new Refused(
            "The file has two columns for '"
                + name
                + "' ("
                + header.get(byName.get(name))
                + " and "
                + raw
                + "); keep one.");
      }
      byName.put(name, i);
      if (contract.column(name).isEmpty()) {
        unknown.add(name);
        unknownIndex.add(i);
      }
    }
    List<String> missingRequired = new ArrayList<>();
    for (Column c : contract.columns()) {
      boolean key = contract.primaryKey().contains(c.name());
      if (!byName.containsKey(c.name()) && (c.required() || key)) {
        missingRequired.add(c.name());
      }
    }
    if (!missingRequired.isEmpty()) {
      throw new Refused(
          "The file has no column "
              + String.join(", ", missingRequired)
              + ", which the dataset requires. The file's columns are: "
              + String.join(", ", header)
              + ".");
    }
    List<Column> added = new ArrayList<>();
    if (!unknown.isEmpty()) {
      if (!contract.addColumns()) {
        throw new Refused(
            "The dataset's schema is strict and the file has columns it does not know: "
                + String.join(", ", unknown)
                + ". Add them to the dataset first, or remove them from the file.");
      }
      List<String> names = new ArrayList<>();
      List<SourceRow> projected = new ArrayList<>();
      for (int idx : unknownIndex) {
        names.add(header.get(idx));
      }
      for (SourceRow row : sample) {
        if (row.problem() != null) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (int idx : unknownIndex) {
          cells.add(idx < row.cells().size() ? row.cells().get(idx) : null);
        }
        projected.add(new SourceRow(row.number(), cells, null));
      }
      List<InferredColumn> inferred = SchemaInference.infer(names, projected, options);
      for (int i = 0; i < inferred.size(); i++) {
        InferredColumn ic = inferred.get(i);
        added.add(
            new Column(
                unknown.get(i),
                ic.type(),
                ic.unit(),
                "Added by an upload (inferred from the file)",
                null,
                false,
                false,
                null,
                null,
                (Pattern) null,
                List.of()));
      }
    }
    List<Column> widened =
        contract.addColumns() ? widened(contract, byName, sample, options) : List.of();
    List<Column> columns = new ArrayList<>();
    for (Column c : contract.columns()) {
      columns.add(
          widened.stream().anyMatch(w -> w.name().equals(c.name()))
              ? c.withType(Widening.wider(c.type()).orElseThrow())
              : c);
    }
    columns.addAll(added);
    DatasetContract evolved =
        added.isEmpty() && widened.isEmpty() ? contract : contract.withColumns(columns);
    int[] index = new int[columns.size()];
    String[] units = new String[columns.size()];
    Map<String, Integer> lookup = new HashMap<>(byName);
    for (int i = 0; i < columns.size(); i++) {
      index[i] = lookup.getOrDefault(columns.get(i).name(), -1);
      units[i] = index[i] < 0 ? null : ColumnNames.unitOf(header.get(index[i])).orElse(null);
    }
    return new UploadPlan(evolved, index, units, List.copyOf(added), widened);
  }

  /**
   * The columns whose values in the sample include one that fails the column's type but reads in
   * the type it may widen to (a fraction in whole numbers, a time in dates): widened, unless the
   * column is part of the primary key or a partition's source (its keys and partitions would change
   * meaning), where the rows go to quarantine as before.
   */
  private static List<Column> widened(
      DatasetContract contract,
      Map<String, Integer> byName,
      List<SourceRow> sample,
      ParseOptions options) {
    ValueParser parser = new ValueParser(options);
    List<Column> out = new ArrayList<>();
    for (Column c : contract.columns()) {
      Integer at = byName.get(c.name());
      boolean fixed =
          contract.primaryKey().contains(c.name())
              || contract.partitioning().stream().anyMatch(p -> p.column().equals(c.name()));
      DataType wider = Widening.wider(c.type()).orElse(null);
      if (wider == null || at == null || fixed) {
        continue;
      }
      for (SourceRow row : sample) {
        String cell = row.problem() == null && at < row.cells().size() ? row.cells().get(at) : null;
        if (cell != null
            && parser.parse(cell, c.type(), c.unit()).isFailure()
            && !parser.parse(cell, wider, c.unit()).isFailure()) {
          out.add(c);
          break;
        }
      }
    }
    return List.copyOf(out);
  }
}
