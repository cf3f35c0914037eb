package io.millwright.server.audit;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.platform.rest.QueryParams;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders audit listings as JSON pages or CSV, for both the tenant and the platform chains. */
@ApplicationScoped
public class AuditHttp {

  private static final Set<String> OUTCOMES = Set.of("SUCCESS", "DENIED", "FAILURE");

  @Inject AuditReader reader;

  Response entries(TenantId tenant, AuditListParams q) {
    String actor = q.actor;
    String action = q.action;
    String outcome = q.outcome;
    String from = q.from;
    String to = q.to;
    String format = q.format;
    String accept = q.accept;
    String wantedOutcome = QueryParams.blankToNull(outcome);
    if (wantedOutcome != null && !OUTCOMES.contains(wantedOutcome)) {
      throw new ProblemException(
          Problem.badRequest("'outcome' must be one of SUCCESS, DENIED, FAILURE."));
    }
    AuditQuery query =
        new AuditQuery(
            QueryParams.blankToNull(actor),
            QueryParams.blankToNull(action),
            wantedOutcome,
            QueryParams.instant("from", from),
            QueryParams.instant("to", to));
    boolean csv =
        "csv".equalsIgnoreCase(format)
            || (accept != null && accept.contains("text/csv") && !accept.contains("json"));
    if (csv) {
      StreamingOutput body = out -> writeCsv(tenant, query, out);
      return Response.ok(body, "text/csv; charset=UTF-8")
          .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
          .build();
    }
    int p = QueryParams.bounded("page", QueryParams.integer("page", q.page), 0, 0, 1_000_000);
    int s = QueryParams.bounded("size", QueryParams.integer("size", q.size), 50, 1, 500);
    AuditReader.Page result = reader.page(tenant, query, p * s, s);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", result.items().stream().map(AuditHttp::json).toList());
    body.put("page", p);
    body.put("size", s);
    body.put("total", result.total());
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static Map<String, Object> json(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", e.seq());
    m.put("id", e.id().toString());
    m.put("time", e.occurredAt().toString());
    m.put("tenant", e.tenant().toString());
    m.put("actor", e.actor());
    m.put("actorType", e.actorType());
    m.put("action", e.action());
    m.put("target", e.target());
    m.put("outcome", e.outcome());
    m.put("requestId", e.requestId());
    m.put("sourceAddress", e.sourceAddress());
    m.put("details", e.details());
    m.put("hash", HexFormat.of().formatHex(e.hash()));
    return m;
  }

  /** Writes the matching entries, oldest first, as CSV (the API's and the console's export). */
  public void writeCsv(TenantId tenant, AuditQuery query, OutputStream out) throws IOException {
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write(
        "seq,id,occurred_at,actor,actor_type,action,target,outcome,request_id,"
            + "source_address,details,hash\n");
    try {
      reader.forEach(tenant, query, e -> writeCsv(w, e));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
  }

  private static void writeCsv(BufferedWriter w, AuditEntry e) {
    List<String> cells =
        List.of(
            Long.toString(e.seq()),
            e.id().toString(),
            e.occurredAt().toString(),
            nz(e.actor()),
            nz(e.actorType()),
            nz(e.action()),
            nz(e.target()),
            nz(e.outcome()),
            nz(e.requestId()),
            nz(e.sourceAddress()),
            nz(e.details()),
            HexFormat.of().formatHex(e.hash()));
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          w.write(',');
        }
        w.write(csvCell(cells.get(i)));
      }
      w.write('\n');
    } catch (java.io.IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Quotes cells and defuses spreadsheet formulas (a cell starting with = + - @). */
  static String csvCell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
