package io.millwright.server.console;

import io.millwright.console.ports.ColumnDraft;
import io.millwright.console.ports.QuarantineRow;
import io.millwright.console.ports.TenantDatasetUploads;
import io.millwright.console.ports.UploadOutcome;
import io.millwright.console.ports.UploadPreview;
import io.millwright.console.ports.UploadRow;
import io.millwright.server.datasets.Dataset;
import io.millwright.server.datasets.DatasetStore;
import io.millwright.server.datasets.DatasetTables;
import io.millwright.server.datasets.DatasetUploads;
import io.millwright.server.datasets.Datasets;
import io.millwright.server.datasets.Quarantine;
import io.millwright.server.datasets.Upload;
import io.millwright.server.datasets.UploadRequest;
import io.millwright.server.security.TenantAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Files into datasets from the console: the same upload service as the API (streamed, one version
 * per write, quarantine, idempotent retries), for writers only.
 */
@ApplicationScoped
public class ConsoleDatasetUploads implements TenantDatasetUploads {

  @Inject ConsoleCalls calls;
  @Inject Datasets datasets;
  @Inject DatasetUploads uploads;
  @Inject DatasetStore store;
  @Inject DatasetTables tables;
  @Inject Quarantine quarantine;

  @Override
  public UploadPreview preview(
      String slug, String datasetOrNull, String fileName, InputStream body) {
    TenantAccess tenant = calls.tenant(slug, "preview upload", ConsoleDatasets.WRITERS);
    return ConsoleCalls.readable(
        () -> {
          UploadRequest request =
              UploadRequest.of(null, fileName, null, null, null, null, null, null);
          return preview(uploads.preview(tenant.tenantId(), datasetOrNull, body, request));
        });
  }

  @Override
  public UploadOutcome replay(
      String slug, String dataset, Map<Long, Map<String, String>> corrections) {
    TenantAccess tenant = calls.tenant(slug, "replay quarantine", ConsoleDatasets.WRITERS);
    return ConsoleCalls.readable(
        () ->
            outcome(
                uploads.replay(
                    tenant.tenantId(), dataset, corrections, calls.caller(), calls.context())));
  }

  @Override
  public int discard(String slug, String dataset, List<Long> ids) {
    TenantAccess tenant = calls.tenant(slug, "discard quarantine", ConsoleDatasets.WRITERS);
    return ConsoleCalls.readable(
        () -> datasets.discard(tenant.tenantId(), dataset, ids, calls.caller(), calls.context()));
  }

  @Override
  public UploadOutcome upload(
      String slug, String dataset, String fileName, String idempotencyKey, InputStream body) {
    TenantAccess tenant = calls.tenant(slug, "upload to dataset", ConsoleDatasets.WRITERS);
    return ConsoleCalls.readable(
        () -> {
          UploadRequest request =
              UploadRequest.of(null, fileName, idempotencyKey, null, null, null, null, null);
          return outcome(
              uploads.upload(
                  tenant.tenantId(), dataset, body, request, calls.caller(), calls.context()));
        });
  }

  private static UploadOutcome outcome(DatasetUploads.Result result) {
    Upload u = result.upload();
    return new UploadOutcome(
        u.status(),
        u.rowsRead(),
        u.rowsWritten(),
        u.rowsQuarantined(),
        u.rowsDeduplicated(),
        result.added().stream().map(c -> c.name() + " " + c.type().wireName()).toList(),
        result.failures(),
        u.snapshotId(),
        result.replayed());
  }

  @Override
  public List<UploadRow> recent(String slug, String dataset, int limit) {
    TenantAccess tenant = calls.tenant(slug, "list uploads");
    return ConsoleCalls.readable(
        () -> {
          Dataset d = datasets.get(tenant.tenantId(), dataset);
          return store
              .recentUploads(tenant.tenantId(), d.id(), Math.max(1, Math.min(limit, 500)))
              .stream()
              .map(
                  u ->
                      new UploadRow(
                          u.id().toString(),
                          u.fileName(),
                          u.status(),
                          u.rowsRead(),
                          u.rowsWritten(),
                          u.rowsQuarantined(),
                          u.rowsDeduplicated(),
                          u.problem(),
                          u.startedAt(),
                          u.startedBy()))
              .toList();
        });
  }

  @Override
  public List<QuarantineRow> quarantine(String slug, String dataset, int limit) {
    TenantAccess tenant = calls.tenant(slug, "read quarantine", ConsoleDatasets.WRITERS);
    return ConsoleCalls.readable(
        () -> {
          Dataset d = datasets.get(tenant.tenantId(), dataset);
          return quarantine
              .list(
                  tenant.tenantId(),
                  d.id(),
                  tables.dataKey(tenant.tenantId()),
                  "open",
                  0,
                  Math.max(1, Math.min(limit, 1000)))
              .stream()
              .map(
                  e ->
                      new QuarantineRow(
                          e.id(),
                          e.uploadId().toString(),
                          e.sourceRow(),
                          e.rule(),
                          e.reason(),
                          e.raw()))
              .toList();
        });
  }

  @SuppressWarnings("unchecked")
  private static UploadPreview preview(Map<String, Object> out) {
    List<ColumnDraft> inferred =
        ((List<Map<String, Object>>) out.get("inferredColumns"))
            .stream()
                .map(
                    c ->
                        new ColumnDraft(
                            (String) c.get("name"),
                            (String) c.get("type"),
                            (String) c.get("unit"),
                            false,
                            false))
                .toList();
    List<UploadPreview.Line> rows =
        ((List<Map<String, Object>>) out.get("rows"))
            .stream()
                .map(
                    r ->
                        new UploadPreview.Line(
                            ((Number) r.get("row")).longValue(),
                            (List<String>) r.get("cells"),
                            (String) r.get("problem")))
                .toList();
    return new UploadPreview(
        (List<String>) out.get("sourceColumns"),
        inferred,
        (List<String>) out.getOrDefault("addedColumns", List.of()),
        (Boolean) out.getOrDefault("accepted", Boolean.TRUE),
        (String) out.get("problem"),
        rows,
        ((Number) out.get("sampledRows")).intValue());
  }
}
