package io.millwright.server.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls the Millwright API of the server under test. */
final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Api() {}

  static Reply get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  static Reply post(String path, String token, String json) {
    return send("POST", path, token, json, Map.of());
  }

  static Reply put(String path, String token, String json) {
    return send("PUT", path, token, json, Map.of());
  }

  static Reply delete(String path, String token) {
    return send("DELETE", path, token, null, Map.of());
  }

  /**
   * Uploads go over HTTP/1.1, as curl and browsers send them to a plain-HTTP server: the JDK
   * client's default h2c upgrade makes Liberty take in the whole body before it dispatches, and
   * HTTP/2 flow control then throttles a large body.
   */
  private static final HttpClient UPLOADS =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Sends a file body with its content type, e.g. an upload. */
  static Reply upload(
      String path, String token, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Env.baseUrl() + path))
            .timeout(Duration.ofSeconds(300))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return exchange(UPLOADS, request, "POST", path);
  }

  /** Sends raw bytes with a content type and method, e.g. a plugin archive. */
  static Reply sendBytes(
      String method,
      String path,
      String token,
      String contentType,
      byte[] body,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Env.baseUrl() + path))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return exchange(UPLOADS, request, method, path);
  }

  static Reply send(
      String method, String path, String token, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Env.baseUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return exchange(HTTP, request, method, path);
  }

  private static Reply exchange(
      HttpClient client, HttpRequest.Builder request, String method, String path) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
