package io.millwright.server.console;

import io.millwright.console.ports.ColumnDraft;
import io.millwright.console.ports.DatasetColumn;
import io.millwright.console.ports.DatasetDetail;
import io.millwright.console.ports.DatasetDraft;
import io.millwright.console.ports.DatasetRow;
import io.millwright.console.ports.DatasetVersionRow;
import io.millwright.console.ports.RowsPreview;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.ColumnSpec;
import io.millwright.server.datasets.Dataset;
import io.millwright.server.datasets.DatasetHealth;
import io.millwright.server.datasets.DatasetSpec;
import io.millwright.server.datasets.DatasetVersion;
import io.millwright.server.datasets.Datasets;
import io.millwright.server.datasets.PiiMask;
import io.millwright.server.datasets.Quarantine;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;

/**
 * Datasets in the console: the same service, gate, audit and PII masking as the REST API. Every
 * member reads; writers declare and roll back.
 */
@ApplicationScoped
public class ConsoleDatasets implements TenantDatasets {

  static final TenantRole[] WRITERS = Datasets.WRITERS.toArray(TenantRole[]::new);

  @Inject ConsoleCalls calls;
  @Inject Datasets datasets;
  @Inject Quarantine quarantine;
  @Inject DatasetHealth health;

  @Override
  public List<DatasetRow> list(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list datasets");
    return ConsoleCalls.readable(
        () ->
            datasets.list(tenant.tenantId()).stream()
                .map(
                    d -> {
                      Table table = datasets.table(d);
                      return new DatasetRow(
                          d.name(),
                          d.contract().description(),
                          datasets.rowCount(table),
                          table.currentSnapshot() == null
                              ? null
                              : table.currentSnapshot().snapshotId(),
                          d.updatedAt(),
                          ConsoleDatasetHealth.alerts(health, tenant.tenantId(), d.name()));
                    })
                .toList());
  }

  @Override
  public DatasetDetail view(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "view dataset");
    return ConsoleCalls.readable(
        () -> {
          Dataset d = datasets.get(tenant.tenantId(), name);
          Table table = datasets.table(d);
          return new DatasetDetail(
              d.name(),
              d.contract().description(),
              d.owner(),
              d.contract().columns().stream().map(ConsoleDatasets::column).toList(),
              d.contract().primaryKey(),
              d.contract().toSpec().partitioning(),
              table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId(),
              datasets.rowCount(table),
              quarantine.countOpen(tenant.tenantId(), d.id()),
              d.createdAt(),
              d.createdBy());
        });
  }

  @Override
  public void create(String slug, DatasetDraft draft) {
    TenantAccess tenant = calls.tenant(slug, "create dataset", WRITERS);
    DatasetSpec spec =
        new DatasetSpec(
            draft.name(),
            draft.description(),
            draft.columns().stream().map(ConsoleDatasets::spec).toList(),
            draft.primaryKey(),
            draft.partitioning(),
            null,
            null,
            null);
    ConsoleCalls.readable(
        () -> datasets.create(tenant.tenantId(), spec, calls.caller(), calls.context()));
  }

  @Override
  public List<DatasetVersionRow> versions(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "list dataset versions");
    return ConsoleCalls.readable(
        () ->
            datasets.versions(tenant.tenantId(), name).stream()
                .map(ConsoleDatasets::version)
                .toList());
  }

  @Override
  public RowsPreview rows(String slug, String name, Long version, int limit) {
    TenantAccess tenant = calls.tenant(slug, "read dataset rows");
    int bounded = Math.max(1, Math.min(limit, Datasets.MAX_PREVIEW_ROWS));
    return ConsoleCalls.readable(
        () -> {
          Dataset d = datasets.get(tenant.tenantId(), name);
          Datasets.Preview preview = datasets.preview(tenant.tenantId(), name, version, bounded);
          PiiMask.Shown shown =
              PiiMask.apply(d.contract(), preview, tenant.holdsAny(Datasets.WRITERS));
          List<Map<String, String>> rows = new ArrayList<>();
          for (Map<String, Object> row : shown.rows()) {
            Map<String, String> text = new LinkedHashMap<>();
            row.forEach((k, v) -> text.put(k, v == null ? null : String.valueOf(v)));
            rows.add(text);
          }
          return new RowsPreview(
              preview.version(),
              preview.columns(),
              rows,
              preview.totalRows(),
              shown.maskedColumns());
        });
  }

  @Override
  public DatasetVersionRow rollback(String slug, String name, long version) {
    TenantAccess tenant = calls.tenant(slug, "roll back dataset", WRITERS);
    return version(
        ConsoleCalls.readable(
            () ->
                datasets.rollback(
                    tenant.tenantId(), name, version, calls.caller(), calls.context())));
  }

  private static ColumnSpec spec(ColumnDraft c) {
    return new ColumnSpec(
        c.name(),
        c.type(),
        c.unit() == null || c.unit().isBlank() ? null : c.unit().trim(),
        null,
        null,
        c.pii() ? Boolean.TRUE : null,
        c.required() ? Boolean.TRUE : null,
        null,
        null,
        null,
        null);
  }

  static DatasetColumn column(Column c) {
    List<String> rules = new ArrayList<>();
    if (c.required()) {
      rules.add("required");
    }
    if (c.min() != null) {
      rules.add("≥ " + number(c.min()));
    }
    if (c.max() != null) {
      rules.add("≤ " + number(c.max()));
    }
    if (c.pattern() != null) {
      rules.add("matches " + c.pattern().pattern());
    }
    if (!c.allowedValues().isEmpty()) {
      rules.add("one of " + String.join(", ", c.allowedValues()));
    }
    return new DatasetColumn(
        c.name(), c.type().wireName(), c.unit(), c.term(), c.pii(), String.join("; ", rules));
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  static DatasetVersionRow version(DatasetVersion v) {
    return new DatasetVersionRow(
        v.id(),
        v.committedAt(),
        v.source(),
        v.actor(),
        v.rowsRead(),
        v.rowsWritten(),
        v.rowsQuarantined(),
        v.rowsDeduplicated(),
        v.totalRows(),
        v.current());
  }
}
