package io.millwright.server.datasets;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A tenant's datasets over HTTP. Every member reads; data engineers and tenant admins declare,
 * upload, roll back and delete. Values of columns flagged PII are masked for readers who may not
 * write the dataset.
 */
@Path("tenants/{slug}/datasets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DatasetsResource {

  @Inject Datasets datasets;
  @Inject DatasetUploads uploads;
  @Inject DatasetStore store;
  @Inject Quarantine quarantine;
  @Inject DatasetTables tables;
  @Inject DatasetMaintenance maintenance;
  @Inject DatasetLineage lineage;
  @Inject DatasetHealth health;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @GET
  @TenantRoles
  @Operation(summary = "The tenant's datasets with their current version and row count.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    TenantId tenant = tenant();
    return Map.of(
        "items", datasets.list(tenant).stream().map(d -> summary(d, datasets.table(d))).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Declare a dataset: columns (type, unit, glossary term, PII, rules), primary key,"
              + " partitioning, retention, freshness.")
  public Response create(@PathParam("slug") String slug, DatasetSpec spec) {
    Dataset made = datasets.create(tenant(), spec, context.requireCaller(), context);
    return Response.created(uri.getAbsolutePathBuilder().path(made.name()).build())
        .entity(detail(made))
        .build();
  }

  @POST
  @Path("inference")
  // Any type: the format is read from the Content-Type or the file name, and a file that is
  // neither gets a 400 naming the accepted types rather than a bare 415.
  @Consumes(MediaType.WILDCARD)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Read the start of a file and propose a dataset's columns (types, units) from it;"
              + " nothing is stored.")
  public Map<String, Object> infer(
      @PathParam("slug") String slug, @BeanParam FileOptions file, InputStream body) {
    UploadRequest request = file.toRequest(null);
    return uploads.preview(tenant(), null, body, request);
  }

  @GET
  @Path("{name}")
  @TenantRoles
  @Operation(summary = "One dataset: contract, current version, row count, open quarantine.")
  public Map<String, Object> get(@PathParam("slug") String slug, @PathParam("name") String name) {
    return detail(datasets.get(tenant(), name));
  }

  @DELETE
  @Path("{name}")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Delete a dataset with all its versions, uploads, quarantine and files.")
  public Response delete(@PathParam("slug") String slug, @PathParam("name") String name) {
    java.util.UUID id = datasets.delete(tenant(), name, context.requireCaller(), context);
    datasets.removeFiles(tenant(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("{name}/uploads")
  // Any type: the format is read from the Content-Type or the file name, and a file that is
  // neither gets a 400 naming the accepted types rather than a bare 415.
  @Consumes(MediaType.WILDCARD)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Upload a CSV, XLSX or JSON Lines file (streamed): standardize, validate, deduplicate"
              + " and commit one version; failing rows go to quarantine. Send Idempotency-Key to"
              + " make retries safe.")
  public Response upload(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @BeanParam FileOptions file,
      InputStream body) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new ProblemException(
          Problem.invalidFields(Map.of("Idempotency-Key", "1 to 200 characters")));
    }
    UploadRequest request = file.toRequest(idempotencyKey);
    DatasetUploads.Result result =
        uploads.upload(tenant(), name, body, request, context.requireCaller(), context);
    Map<String, Object> json = upload(result.upload());
    if (!result.added().isEmpty()) {
      json.put(
          "addedColumns",
          result.added().stream().map(c -> c.name() + " " + c.type().wireName()).toList());
    }
    if (!result.widened().isEmpty()) {
      json.put("widenedColumns", result.widened().stream().map(Column::name).toList());
    }
    if (!result.failures().isEmpty()) {
      json.put("failuresByRule", result.failures());
    }
    Response.ResponseBuilder response =
        result.replayed()
            ? Response.ok().header("Idempotency-Replayed", "true")
            : Response.status(Response.Status.CREATED);
    return response
        .location(uri.getAbsolutePathBuilder().path(result.upload().id().toString()).build())
        .entity(json)
        .build();
  }

  @POST
  @Path("{name}/uploads/preview")
  // Any type: the format is read from the Content-Type or the file name, and a file that is
  // neither gets a 400 naming the accepted types rather than a bare 415.
  @Consumes(MediaType.WILDCARD)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Show what uploading a file would do (columns matched or added, first rows) without"
              + " writing anything.")
  public Map<String, Object> previewUpload(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @BeanParam FileOptions file,
      InputStream body) {
    UploadRequest request = file.toRequest(null);
    return uploads.preview(tenant(), name, body, request);
  }

  @GET
  @Path("{name}/uploads")
  @TenantRoles
  @Operation(summary = "Recent uploads, newest first, with progress for running ones.")
  public Map<String, Object> uploads(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Dataset d = datasets.get(tenant(), name);
    return Map.of(
        "items",
        store.recentUploads(tenant(), d.id(), Math.max(1, Math.min(limit, 500))).stream()
            .map(DatasetsResource::upload)
            .toList());
  }

  @GET
  @Path("{name}/uploads/{upload}")
  @TenantRoles
  @Operation(summary = "One upload: status, bytes and rows read so far, final counts.")
  public Map<String, Object> getUpload(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @PathParam("upload") String uploadId) {
    Dataset d = datasets.get(tenant(), name);
    UUID id;
    try {
      id = UUID.fromString(uploadId);
    } catch (IllegalArgumentException e) {
      throw noUpload(uploadId);
    }
    return upload(store.findUpload(tenant(), d.id(), id).orElseThrow(() -> noUpload(uploadId)));
  }

  @GET
  @Path("{name}/versions")
  @TenantRoles
  @Operation(summary = "The dataset's versions, newest first, with source, actor and counts.")
  public Map<String, Object> versions(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return Map.of(
        "items",
        datasets.versions(tenant(), name).stream().map(DatasetsResource::version).toList());
  }

  @GET
  @Path("{name}/versions/compare")
  @TenantRoles
  @Operation(
      summary =
          "Compare two versions: their counts, the row difference, and the columns added,"
              + " removed or retyped between them.")
  public Map<String, Object> compare(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @QueryParam("from") Long from,
      @QueryParam("to") Long to) {
    if (from == null || to == null) {
      throw new ProblemException(
          Problem.invalidFields(Map.of("from", "a version id", "to", "a version id")));
    }
    return datasets.compare(tenant(), name, from, to);
  }

  @GET
  @Path("{name}/rows")
  @TenantRoles
  @Operation(
      summary = "Rows of the current version, or of any earlier one (?version=): time travel.")
  public Map<String, Object> rows(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @QueryParam("version") Long version,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > Datasets.MAX_PREVIEW_ROWS) {
      throw new ProblemException(
          Problem.invalidFields(Map.of("limit", "1 to " + Datasets.MAX_PREVIEW_ROWS)));
    }
    TenantId tenant = tenant();
    Dataset dataset = datasets.get(tenant, name);
    Datasets.Preview preview = datasets.preview(tenant, name, version, limit);
    PiiMask.Shown shown = PiiMask.apply(dataset.contract(), preview, mayWrite());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", preview.version());
    out.put("columns", preview.columns());
    out.put("totalRows", preview.totalRows());
    out.put("rows", shown.rows());
    if (!shown.maskedColumns().isEmpty()) {
      out.put("maskedColumns", shown.maskedColumns());
    }
    return out;
  }

  /** Request body of a rollback. */
  public record RollbackRequest(Long version) {}

  @POST
  @Path("{name}/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Make another version current again (audited); no version is lost.")
  public Map<String, Object> rollback(
      @PathParam("slug") String slug, @PathParam("name") String name, RollbackRequest body) {
    if (body == null || body.version() == null) {
      throw new ProblemException(
          Problem.invalidFields(Map.of("version", "the id of the version to return to")));
    }
    return version(
        datasets.rollback(tenant(), name, body.version(), context.requireCaller(), context));
  }

  @GET
  @Path("{name}/quality")
  @TenantRoles
  @Operation(
      summary =
          "Quality of a version (current by default): rows, null rate and min/max per column,"
              + " rule failures of the write that made it.")
  public Map<String, Object> quality(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @QueryParam("version") Long version) {
    return health.quality(tenant(), name, version);
  }

  @GET
  @Path("{name}/alerts")
  @TenantRoles
  @Operation(
      summary =
          "Alerts: no new version within the freshness expectation, or the last upload's volume"
              + " far above or below the usual.")
  public Map<String, Object> alerts(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return Map.of("items", health.alerts(tenant(), name, java.time.Instant.now()));
  }

  @GET
  @Path("{name}/lineage")
  @TenantRoles
  @Operation(
      summary =
          "Where the dataset's data came from and went: upstream and downstream datasets, the"
              + " transform runs between them (with versions), and the uploads that fed them.")
  public DatasetLineage.Graph lineage(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return lineage.graph(tenant(), name);
  }

  @GET
  @Path("{name}/lineage/openlineage")
  @TenantRoles
  @Operation(summary = "The dataset's versions as OpenLineage run events (spec 2-0-2).")
  public Map<String, Object> openLineage(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return Map.of("events", lineage.openLineage(tenant(), slug, name));
  }

  /** One quarantined row to replay, with the cells to change (by source column name). */
  public record ReplayRow(Long id, Map<String, String> values) {}

  /** Request body of a replay. */
  public record ReplayRequest(List<ReplayRow> rows) {}

  /** Request body of a discard. */
  public record DiscardRequest(List<Long> ids) {}

  @POST
  @Path("{name}/quarantine/replay")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Write quarantined rows again, with corrections, through the same checks as an upload;"
              + " they become a new version (source replay) and are marked replayed.")
  public Response replay(
      @PathParam("slug") String slug, @PathParam("name") String name, ReplayRequest body) {
    if (body == null
        || body.rows() == null
        || body.rows().isEmpty()
        || body.rows().stream().anyMatch(r -> r == null || r.id() == null)) {
      throw new ProblemException(
          Problem.invalidFields(
              Map.of(
                  "rows", "a list of {\"id\": quarantined row id, \"values\": {column: text}}")));
    }
    Map<Long, Map<String, String>> corrections = new LinkedHashMap<>();
    body.rows().forEach(r -> corrections.put(r.id(), r.values() == null ? Map.of() : r.values()));
    DatasetUploads.Result result =
        uploads.replay(tenant(), name, corrections, context.requireCaller(), context);
    return Response.status(Response.Status.CREATED).entity(upload(result.upload())).build();
  }

  @POST
  @Path("{name}/quarantine/discard")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Give up quarantined rows for good (audited; they stay listed).")
  public Map<String, Object> discard(
      @PathParam("slug") String slug, @PathParam("name") String name, DiscardRequest body) {
    if (body == null || body.ids() == null || body.ids().isEmpty()) {
      throw new ProblemException(Problem.invalidFields(Map.of("ids", "quarantined row ids")));
    }
    return Map.of(
        "discarded",
        datasets.discard(tenant(), name, body.ids(), context.requireCaller(), context));
  }

  /** Request body of an erasure. */
  public record ErasureRequest(Map<String, Object> where, Boolean purgeHistory) {}

  @POST
  @Path("{name}/erasures")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Erase the rows matching a predicate (e.g. one customer's) from the current version on;"
              + " purgeHistory also expires earlier versions so no version holds them. Audited.")
  public Map<String, Object> erase(
      @PathParam("slug") String slug, @PathParam("name") String name, ErasureRequest body) {
    if (body == null || body.where() == null) {
      throw new ProblemException(
          Problem.invalidFields(
              Map.of(
                  "where",
                  "which rows, e.g. {\"column\":\"customer_id\",\"op\":\"=\",\"value\":\"C-1\"}")));
    }
    DatasetMaintenance.Outcome outcome =
        maintenance.erase(
            tenant(),
            name,
            body.where(),
            Boolean.TRUE.equals(body.purgeHistory()),
            context.requireCaller(),
            context);
    maintenance.deleteFiles(tenant(), outcome.obsoleteFiles());
    return outcome.summary();
  }

  @POST
  @Path("{name}/compaction")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Merge the dataset's small files (same rows, fewer files, faster scans).")
  public Map<String, Object> compact(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return maintenance.compact(tenant(), name, context.requireCaller(), context).summary();
  }

  @POST
  @Path("{name}/retention")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Expire the versions the dataset's retention policy no longer keeps, and their files.")
  public Map<String, Object> retention(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    DatasetMaintenance.Outcome outcome =
        maintenance.applyRetention(tenant(), name, context.requireCaller(), context);
    maintenance.deleteFiles(tenant(), outcome.obsoleteFiles());
    return outcome.summary();
  }

  @GET
  @Path("{name}/quarantine")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Rows that failed standardization or validation, with the rule and reason (open by"
              + " default).")
  public Map<String, Object> quarantined(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @QueryParam("status") @DefaultValue("open") String status,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (!List.of("open", "replayed", "discarded").contains(status)) {
      throw new ProblemException(
          Problem.invalidFields(Map.of("status", "open, replayed or discarded")));
    }
    TenantId tenant = tenant();
    Dataset d = datasets.get(tenant, name);
    List<Quarantine.Entry> entries =
        quarantine.list(
            tenant,
            d.id(),
            tables.dataKey(tenant),
            status,
            after,
            Math.max(1, Math.min(limit, 1000)));
    return Map.of("items", entries, "open", quarantine.countOpen(tenant, d.id()));
  }

  private TenantId tenant() {
    return context.requireTenant().tenantId();
  }

  private boolean mayWrite() {
    TenantAccess access = context.requireTenant();
    return access.holdsAny(Datasets.WRITERS);
  }

  private Map<String, Object> summary(Dataset d, Table table) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("description", d.contract().description());
    m.put("owner", d.owner());
    m.put("columns", d.contract().columns().size());
    m.put(
        "currentVersion",
        table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId());
    m.put("rows", datasets.rowCount(table));
    m.put("updatedAt", d.updatedAt().toString());
    return m;
  }

  private Map<String, Object> detail(Dataset d) {
    Table table = datasets.table(d);
    Map<String, Object> m = summary(d, table);
    m.put("contract", d.contract().toSpec());
    m.put("createdAt", d.createdAt().toString());
    m.put("createdBy", d.createdBy());
    m.put("openQuarantine", quarantine.countOpen(d.tenant(), d.id()));
    return m;
  }

  private static Map<String, Object> upload(Upload u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id().toString());
    m.put("status", u.status());
    m.put("source", u.source());
    if (u.fileName() != null) {
      m.put("fileName", u.fileName());
    }
    m.put("bytesRead", u.bytesRead());
    m.put("rowsRead", u.rowsRead());
    m.put("rowsWritten", u.rowsWritten());
    m.put("rowsQuarantined", u.rowsQuarantined());
    m.put("rowsDeduplicated", u.rowsDeduplicated());
    m.put("blankLines", u.blankLines());
    m.put("version", u.snapshotId());
    if (u.problem() != null) {
      m.put("problem", u.problem());
    }
    m.put("startedAt", u.startedAt().toString());
    m.put("startedBy", u.startedBy());
    if (u.finishedAt() != null) {
      m.put("finishedAt", u.finishedAt().toString());
    }
    return m;
  }

  private static Map<String, Object> version(DatasetVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id());
    m.put("parentId", v.parentId());
    m.put("committedAt", v.committedAt().toString());
    m.put("operation", v.operation());
    m.put("current", v.current());
    m.put("source", v.source());
    m.put("actor", v.actor());
    m.put("uploadId", v.uploadId());
    m.put("rowsRead", v.rowsRead());
    m.put("rowsWritten", v.rowsWritten());
    m.put("rowsQuarantined", v.rowsQuarantined());
    m.put("rowsDeduplicated", v.rowsDeduplicated());
    m.put("totalRows", v.totalRows());
    m.put("totalFiles", v.totalFiles());
    m.put("schemaId", v.schemaId());
    return m;
  }

  private static ProblemException noUpload(String id) {
    return new ProblemException(Problem.notFound("There is no upload " + id + "."));
  }
}
