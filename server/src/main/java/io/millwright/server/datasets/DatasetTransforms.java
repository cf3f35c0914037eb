package io.millwright.server.datasets;

import io.millwright.server.datasets.ingest.ColumnNames;
import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.query.SqlRefusedException;
import io.millwright.server.datasets.query.SqlSandbox;
import io.millwright.server.glossary.DataType;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs SQL transforms: each run materializes the query's result into the target dataset as a new
 * version (replacing the previous result) that records which version of each input it read. The
 * result goes through the target's contract like any upload. No transaction is held while the query
 * streams; the write commits like an upload.
 */
@ApplicationScoped
public class DatasetTransforms {

  private static final ParseOptions PARSE = new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC"));

  @Inject TransformDefinitions definitions;
  @Inject DatasetQueries queries;
  @Inject DatasetUploads uploads;
  @Inject Datasets datasets;
  @Inject DatasetStore store;

  /**
   * Runs the transform now: its query over the current versions of the datasets it names, the
   * result written into the target (created from the result's columns the first time).
   */
  public DatasetUploads.Result run(
      TenantId tenant, String name, Caller caller, RequestContext context) {
    Transform t =
        definitions
            .find(tenant, name)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("There is no transform named '" + name + "'.")));
    Instant started = Instant.now();
    try {
      DatasetUploads.Result result = materialize(tenant, t, caller, context);
      Upload u = result.upload();
      definitions.recorded(
          tenant,
          name,
          started,
          "succeeded",
          u.rowsWritten()
              + " rows written"
              + (u.rowsQuarantined() > 0 ? ", " + u.rowsQuarantined() + " quarantined" : ""),
          u.snapshotId());
      return result;
    } catch (ProblemException e) {
      definitions.recorded(tenant, name, started, "failed", e.problem().detail(), null);
      throw e;
    } catch (RuntimeException e) {
      definitions.recorded(
          tenant, name, started, "failed", "the run failed: " + e.getMessage(), null);
      throw e;
    }
  }

  private DatasetUploads.Result materialize(
      TenantId tenant, Transform t, Caller caller, RequestContext context) {
    try (DatasetQueries.Session session = queries.open(tenant, t.query(), Map.of(), false)) {
      SqlSandbox.Stream result = session.sandbox().stream(t.query());
      if (store.find(tenant, t.target()).isEmpty()) {
        datasets.create(tenant, targetSpec(t, result), caller, context);
      }
      return uploads.write(
          tenant,
          t.target(),
          result::rows,
          "transform " + t.name(),
          null,
          PARSE,
          DatasetUploads.WriteSource.transform(t.name(), session.versions()),
          caller,
          context);
    } catch (SqlRefusedException e) {
      throw DatasetQueries.refused(e);
    }
  }

  /** A new target's declaration from the result: its column names and types. */
  static DatasetSpec targetSpec(Transform t, SqlSandbox.Stream result) {
    List<ColumnSpec> columns = new ArrayList<>();
    List<String> names = result.rows().columns();
    for (int i = 0; i < names.size(); i++) {
      columns.add(
          ColumnSpec.of(
              ColumnNames.columnNameOf(names.get(i), i + 1),
              typeOf(result.types().get(i)).wireName()));
    }
    return new DatasetSpec(
        t.target(),
        "Result of transform " + t.name(),
        columns,
        List.of(),
        List.of(),
        null,
        null,
        "add-columns");
  }

  static DataType typeOf(String duckType) {
    String type = duckType.toUpperCase(Locale.ROOT);
    if (type.startsWith("TIMESTAMP")) {
      return DataType.TIMESTAMP;
    }
    if (type.equals("DATE")) {
      return DataType.DATE;
    }
    if (type.equals("BOOLEAN")) {
      return DataType.BOOLEAN;
    }
    if (type.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))")) {
      return DataType.INTEGER;
    }
    if (type.startsWith("DOUBLE")
        || type.startsWith("FLOAT")
        || type.startsWith("REAL")
        || type.startsWith("DECIMAL")) {
      return DataType.DECIMAL;
    }
    return DataType.STRING;
  }
}
