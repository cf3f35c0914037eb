package io.millwright.server.datasets.pipeline;

import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.ingest.ParsedValue;
import io.millwright.server.datasets.ingest.RowSource;
import io.millwright.server.datasets.ingest.SourceRow;
import io.millwright.server.datasets.ingest.ValueParser;
import io.millwright.server.glossary.GlossaryTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * One pass over a file: standardize every cell to its column's type and unit, check the contract's
 * rules, drop rows whose key was already seen (in this file or in the dataset), and write the rest
 * as Parquet data files of the table. Nothing is committed here: the caller commits the files as
 * one snapshot, together with the quarantined rows, or throws them away.
 *
 * <p>Memory stays flat in the file's size: rows stream from the source to the writer; only the keys
 * seen (for deduplication) and the quarantined rows (bounded by {@code maxQuarantined}) are held.
 */
public final class WritePipeline {

  /** Told every few thousand rows how far the pass has got. */
  public interface Progress {
    void report(long bytesRead, long rowsRead);
  }

  static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;
  private static final int PROGRESS_EVERY = 16_384;

  private final Table table;
  private final UploadPlan plan;
  private final List<Column> columns;
  private final RowChecks checks;
  private final ValueParser parser;
  private final KeySet seenKeys;
  // One key's text at a time, reused: the reading half builds it and only its fingerprint stays.
  private final StringBuilder keyText = new StringBuilder();
  private final int[] keyPositions;
  private final int maxQuarantined;
  private final String operationId;
  private final ExecutorService executor;

  /**
   * @param table the dataset's table, already evolved to the plan's columns
   * @param existingKeys keys of the rows already in the dataset (empty without a primary key),
   *     taken over: it grows by the keys written ({@link #keys()})
   * @param operationId names the data files (the upload id), so a file tells which write made it
   * @param executor runs the reading half beside the writing half (two cores busy instead of one);
   *     null to do both on the calling thread
   */
  public WritePipeline(
      Table table,
      UploadPlan plan,
      Map<String, GlossaryTerm> terms,
      ParseOptions options,
      KeySet existingKeys,
      int maxQuarantined,
      String operationId,
      ExecutorService executor) {
    this.executor = executor;
    this.table = table;
    this.plan = plan;
    this.columns = plan.contract().columns();
    this.checks = new RowChecks(columns, terms, plan.contract().primaryKey());
    this.parser = new ValueParser(options);
    this.seenKeys = existingKeys;
    List<String> key = plan.contract().primaryKey();
    this.keyPositions = new int[key.size()];
    for (int i = 0; i < key.size(); i++) {
      keyPositions[i] = indexOf(key.get(i));
    }
    this.maxQuarantined = maxQuarantined;
    this.operationId = operationId;
  }

  /**
   * @param sample rows already read from {@code source} (to plan the upload); written first
   * @throws UploadPlan.Refused when more than {@code maxQuarantined} rows fail
   */
  /**
   * The keys of the dataset after this write: those it had and those written (for {@link
   * io.millwright.server.datasets.KeyCache}).
   */
  public KeySet keys() {
    return seenKeys;
  }

  public WriteOutcome run(RowSource source, List<SourceRow> sample, Progress progress)
      throws IOException {
    Schema schema = table.schema();
    PartitionSpec spec = table.spec();
    int[] schemaPosition = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      schemaPosition[i] = schema.columns().indexOf(schema.findField(columns.get(i).name()));
    }
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(schema)
            .build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .operationId(operationId)
            .build();
    FanoutDataWriter<org.apache.iceberg.data.Record> writer =
        new FanoutDataWriter<>(writers, files, table.io(), TARGET_FILE_BYTES);
    PartitionKey partitionKey = spec.isUnpartitioned() ? null : new PartitionKey(spec, schema);
    InternalRecordWrapper wrapper =
        spec.isUnpartitioned() ? null : new InternalRecordWrapper(schema.asStruct());
    PartitionValues fast = PartitionValues.of(spec, schema);

    Intake intake = new Intake(source, sample);
    long written = 0;
    boolean completed = false;
    try {
      // One record, refilled per row: the Parquet writer copies values out as it is handed them.
      GenericRecord record = GenericRecord.create(schema);
      RowFeed feed = executor == null ? intake::next : new RowFeed.Parallel(intake::next, executor);
      try (feed) {
        Object[] values;
        while ((values = feed.next()) != null) {
          for (int i = 0; i < values.length; i++) {
            record.set(schemaPosition[i], values[i]);
          }
          if (partitionKey == null) {
            writer.write(record, spec, null);
          } else {
            if (fast == null || !fast.fill(record, partitionKey)) {
              partitionKey.partition(wrapper.wrap(record));
            }
            writer.write(record, spec, partitionKey);
          }
          if (++written % PROGRESS_EVERY == 0) {
            progress.report(source.bytesRead(), intake.read);
          }
        }
      }
      completed = true;
    } finally {
      writer.close();
      if (!completed) {
        // Files of a pass that will not be committed are deleted now rather than left as orphans.
        for (DataFile f : writer.result().dataFiles()) {
          table.io().deleteFile(f.location());
        }
      }
    }
    progress.report(source.bytesRead(), intake.read);
    return new WriteOutcome(
        writer.result().dataFiles(),
        List.copyOf(intake.quarantined),
        intake.read,
        written,
        intake.deduplicated,
        source.blankLinesSkipped(),
        source.bytesRead(),
        intake.failures);
  }

  /**
   * The reading half of a pass: rows in, standardized and checked values out, quarantined rows and
   * duplicates kept back. Runs on one thread (beside the writer when an executor is given).
   */
  private final class Intake {
    private final RowSource source;
    private final Iterator<SourceRow> buffered;
    final List<QuarantinedRow> quarantined = new ArrayList<>();
    final Map<String, Long> failures = new TreeMap<>();
    volatile long read;
    long deduplicated;

    Intake(RowSource source, List<SourceRow> sample) {
      this.source = source;
      this.buffered = sample.iterator();
    }

    /** The next row to write (a fresh array), or null at the end. */
    Object[] next() throws IOException {
      while (true) {
        SourceRow row = buffered.hasNext() ? buffered.next() : source.next();
        if (row == null) {
          return null;
        }
        read++;
        Object[] values = new Object[columns.size()];
        QuarantinedRow bad = standardize(source.columns(), row, values);
        if (bad == null) {
          RowChecks.Failure failure = checks.check(values);
          if (failure != null) {
            bad =
                new QuarantinedRow(
                    row.number(), failure.rule(), failure.reason(), raw(source, row));
          }
        }
        if (bad != null) {
          quarantine(bad);
          continue;
        }
        if (keyPositions.length > 0 && !seenKeys.add(keyOf(values))) {
          deduplicated++;
          continue;
        }
        return values;
      }
    }

    private void quarantine(QuarantinedRow bad) {
      quarantined.add(bad);
      failures.merge(bad.rule(), 1L, Long::sum);
      if (quarantined.size() > maxQuarantined) {
        throw new UploadPlan.Refused(
            "More than "
                + maxQuarantined
                + " rows failed the dataset's rules, so nothing was written. First problem"
                + " (row "
                + quarantined.get(0).sourceRow()
                + "): "
                + quarantined.get(0).reason()
                + ". Most failed rule: "
                + mostFailed(failures)
                + ".");
      }
    }
  }

  /** Fills {@code values} from the row, or returns why the row cannot be standardized. */
  private QuarantinedRow standardize(List<String> header, SourceRow row, Object[] values) {
    if (row.problem() != null) {
      return new QuarantinedRow(row.number(), "structure", row.problem(), raw(header, row));
    }
    List<String> problems = null;
    for (int i = 0; i < columns.size(); i++) {
      int source = plan.sourceIndex()[i];
      String text = source < 0 || source >= row.cells().size() ? null : row.cells().get(source);
      Column c = columns.get(i);
      String unit = plan.sourceUnit()[i];
      if (unit != null && c.unit() != null && text != null && endsWithDigit(text)) {
        // A bare number under "Temp (°F)" is in °F: say so, and the parser converts it.
        text = text.trim() + " " + unit;
      }
      ParsedValue parsed = parser.parse(text, c.type(), c.unit());
      if (parsed.isFailure()) {
        if (problems == null) {
          problems = new ArrayList<>();
        }
        problems.add(c.name() + ": " + parsed.failure());
        values[i] = null;
      } else {
        values[i] = parsed.value();
      }
    }
    return problems == null
        ? null
        : new QuarantinedRow(row.number(), "type", String.join("; ", problems), raw(header, row));
  }

  private static boolean endsWithDigit(String text) {
    String t = text.trim();
    return !t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1));
  }

  private Map<String, String> raw(RowSource source, SourceRow row) {
    return raw(source.columns(), row);
  }

  private static Map<String, String> raw(List<String> header, SourceRow row) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (int i = 0; i < row.cells().size(); i++) {
      raw.put(i < header.size() ? header.get(i) : "column " + (i + 1), row.cells().get(i));
    }
    return raw;
  }

  private CharSequence keyOf(Object[] values) {
    keyText.setLength(0);
    for (int p : keyPositions) {
      KeyText.appendTo(keyText, values[p]).append('\u001f');
    }
    return keyText;
  }

  private int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no key column " + column);
  }

  private static String mostFailed(Map<String, Long> failures) {
    return failures.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(e -> e.getKey() + " (" + e.getValue() + " rows)")
        .orElse("none");
  }
}
