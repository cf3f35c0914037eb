package io.millwright.server.audit;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The query of an audit listing, shared by the tenant and platform resources. Numbers arrive as
 * text so that a malformed one is answered 400 with its name, not 404 (JAX-RS's rule).
 */
public class AuditListParams {
  @QueryParam("actor")
  String actor;

  @QueryParam("action")
  String action;

  @QueryParam("outcome")
  String outcome;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("page")
  String page;

  @QueryParam("size")
  String size;

  @QueryParam("format")
  String format;

  @HeaderParam(HttpHeaders.ACCEPT)
  String accept;
}
