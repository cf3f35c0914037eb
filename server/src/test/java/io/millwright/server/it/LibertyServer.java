package io.millwright.server.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/** The Liberty server under test, for tests that kill and restart it. */
final class LibertyServer {

  /** An application URL that needs a token: 401 means the application is up and answering. */
  static final String APPLICATION_PROBE = "/api/admin/tenants?size=1";

  private LibertyServer() {}

  private static Path wlp() {
    return Path.of(Env.require("MILLWRIGHT_SERVER_DIR"));
  }

  /** kill -9: no shutdown hooks, no clean-up, like a crash or an OOM kill. */
  static void killHard() throws IOException, InterruptedException {
    long pid =
        Long.parseLong(Files.readString(wlp().resolve("usr/servers/.pid/millwright.pid")).trim());
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !handle.isAlive());
  }

  /** Stops the server as an operator does, waiting until it is down. */
  static void stop() throws IOException, InterruptedException {
    new ProcessBuilder(wlp().resolve("bin/server").toString(), "stop", "millwright")
        .inheritIO()
        .start()
        .waitFor();
  }

  /** Starts the server with this process's environment and waits until it is ready. */
  static void start() throws IOException, InterruptedException {
    start(java.util.Map.of());
  }

  /**
   * Starts the server with this process's environment plus {@code settings} (e.g. another storage
   * configuration) and waits until it is ready.
   */
  static void start(java.util.Map<String, String> settings)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(wlp().resolve("bin/server").toString(), "start", "millwright")
            .inheritIO();
    builder.environment().putAll(settings);
    Process p = builder.start();
    p.waitFor();
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(URI.create(Env.baseUrl() + "/health/ready"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
    // Readiness can answer before the application does (Liberty issue 26195): wait for the
    // application itself, which refuses an anonymous call with 401 (404 while it is not there).
    Awaitility.await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(URI.create(Env.baseUrl() + APPLICATION_PROBE))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 401);
  }
}
