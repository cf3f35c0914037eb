package io.millwright.server.usage;

import io.millwright.metering.UsageGrouping;
import io.millwright.metering.UsageTotal;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.platform.rest.QueryParams;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's usage, aggregated from the ledger. */
@Path("tenants/{slug}/usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  private static final Duration MAX_RANGE = Duration.ofDays(400);

  @Inject UsageRecorder recorder;
  @Inject RequestContext context;

  @GET
  @TenantRoles({TenantRole.FINANCE, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Usage totals between from (inclusive) and to (exclusive), grouped by any"
              + " of meter, day, category, resource. Defaults: this calendar month, by meter.")
  public Map<String, Object> totals(
      @PathParam("slug") String slug,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant start = QueryParams.instant("from", from);
    Instant end = QueryParams.instant("to", to);
    if (start == null) {
      start = today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (end == null) {
      end = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (!end.isAfter(start)) {
      throw new ProblemException(Problem.badRequest("'to' must be after 'from'."));
    }
    if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      throw new ProblemException(Problem.badRequest("The range is at most 400 days."));
    }
    Set<UsageGrouping> groups = groupings(groupBy);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", start.toString());
    body.put("to", end.toString());
    body.put("groupBy", groups.stream().map(g -> g.name().toLowerCase(Locale.ROOT)).toList());
    body.put(
        "items",
        recorder.totals(context.requireTenant().tenantId(), start, end, groups).stream()
            .map(UsageResource::json)
            .toList());
    return body;
  }

  private static Set<UsageGrouping> groupings(String text) {
    if (text == null || text.isBlank()) {
      return EnumSet.of(UsageGrouping.METER);
    }
    EnumSet<UsageGrouping> groups = EnumSet.noneOf(UsageGrouping.class);
    for (String part : text.split(",")) {
      try {
        groups.add(UsageGrouping.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(
            Problem.badRequest(
                "'groupBy' takes a comma-separated list"
                    + " of meter, day, category, resource; '"
                    + part.trim()
                    + "' is not one of them."));
      }
    }
    return groups;
  }

  private static Map<String, Object> json(UsageTotal t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t.meter() != null) {
      m.put("meter", t.meter());
    }
    if (t.day() != null) {
      m.put("day", t.day().toString());
    }
    if (t.category() != null) {
      m.put("category", t.category().name().toLowerCase(Locale.ROOT));
    }
    if (t.resourceId() != null) {
      m.put("resourceId", t.resourceId());
    }
    m.put("quantity", t.quantity());
    m.put("unit", t.unit());
    m.put("events", t.eventCount());
    return m;
  }
}
