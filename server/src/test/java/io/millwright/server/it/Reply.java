package io.millwright.server.it;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** An HTTP response, with the checks most tests make. */
record Reply(int status, String body, HttpResponse<String> raw) {

  JsonObject json() {
    return Json.object(body);
  }

  String header(String name) {
    return raw.headers().firstValue(name).orElse(null);
  }

  String contentType() {
    return header("Content-Type");
  }

  boolean isProblem() {
    return contentType() != null && contentType().startsWith("application/problem+json");
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
