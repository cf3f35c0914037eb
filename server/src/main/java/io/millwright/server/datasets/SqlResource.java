package io.millwright.server.datasets;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read-only SQL over the tenant's datasets. */
@Path("tenants/{slug}/sql")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SqlResource {

  static final int MAX_ROWS = 10_000;

  @Inject DatasetQueries queries;
  @Inject RequestContext context;

  /** Request body: the query, optional versions per dataset, and a row cap. */
  public record SqlRequest(String sql, Map<String, Long> versions, Integer maxRows) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.ANALYST, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Run a read-only SQL query (DuckDB dialect) over the tenant's datasets, each at its"
              + " current version or the one named in versions.")
  public Map<String, Object> query(@PathParam("slug") String slug, SqlRequest request) {
    if (request == null || request.sql() == null || request.sql().isBlank()) {
      throw new ProblemException(Problem.invalidFields(Map.of("sql", "write a query")));
    }
    int maxRows = request.maxRows() == null ? 1000 : request.maxRows();
    if (maxRows < 1 || maxRows > MAX_ROWS) {
      throw new ProblemException(Problem.invalidFields(Map.of("maxRows", "1 to " + MAX_ROWS)));
    }
    // Who sees PII is decided as for dataset previews, so SQL never shows more than a preview.
    boolean masked = !context.requireTenant().holdsAny(Datasets.WRITERS);
    long started = System.nanoTime();
    DatasetQueries.Answer answer =
        queries.query(
            context.requireTenant().tenantId(),
            request.sql(),
            request.versions() == null ? Map.of() : request.versions(),
            maxRows,
            masked);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("columns", answer.result().columns());
    out.put("types", answer.result().types());
    out.put("rows", answer.result().rows());
    out.put("truncated", answer.result().truncated());
    out.put("versions", answer.versions());
    out.put("bytesScanned", answer.bytesScanned());
    out.put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
    return out;
  }
}
