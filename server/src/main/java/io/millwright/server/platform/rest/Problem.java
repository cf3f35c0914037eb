package io.millwright.server.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem that clients may
 * switch on; {@code title} is the same for every occurrence, {@code detail} explains this one.
 */
public record Problem(
    String type, String title, int status, String detail, Map<String, Object> extensions) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
  private static final String TYPE_BASE = "https://millwright.io/problems/";

  public static Problem of(int status, String kind, String title, String detail) {
    return new Problem(TYPE_BASE + kind, title, status, detail, Map.of());
  }

  public Problem with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(key, value);
    return new Problem(type, title, status, detail, more);
  }

  /** The JSON body: the standard members first, then the extensions. */
  public Map<String, Object> body(String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    body.putAll(extensions);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    return body;
  }

  public Response toResponse(String requestId) {
    Response.ResponseBuilder response =
        Response.status(status).type(MEDIA_TYPE).entity(body(requestId));
    if (extensions.get("retryAfterSeconds") instanceof Number seconds) {
      response.header("Retry-After", seconds.longValue());
    }
    return response.build();
  }

  public static Problem badRequest(String detail) {
    return of(400, "invalid-request", "The request is not valid", detail);
  }

  /**
   * A 400 naming every bad field at once: the detail reads "field: message; …" and the {@code
   * errors} member maps each field to its message, so forms can show each next to its field.
   */
  public static Problem invalidFields(Map<String, String> errors) {
    return badRequest(
            String.join(
                "; ",
                errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()))
        .with("errors", new LinkedHashMap<>(errors));
  }

  public static Problem unauthorized(String detail) {
    return of(401, "unauthenticated", "A valid bearer token is required", detail);
  }

  public static Problem forbidden(String detail) {
    return of(403, "forbidden", "Not allowed", detail);
  }

  public static Problem notFound(String detail) {
    return of(404, "not-found", "Not found", detail);
  }

  public static Problem conflict(String detail) {
    return of(409, "conflict", "Conflict with the current state", detail);
  }
}
