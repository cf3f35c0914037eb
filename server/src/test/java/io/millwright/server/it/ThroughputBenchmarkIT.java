package io.millwright.server.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Requests per second on a simple tenant endpoint (token verified, tenant resolved, membership
 * checked, request metered) at 16 concurrent clients, against the same clients on the
 * unauthenticated liveness check as a baseline. The load comes from wrk when it is installed (a C
 * load generator, light on the two cores the server shares with it), else from Java clients.
 */
class ThroughputBenchmarkIT {

  private static final int CLIENTS = 16;
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration MEASURE = Duration.ofSeconds(15);
  private static final Path WRK = Path.of("/usr/bin/wrk");

  private record Result(long requests, long errors, double seconds) {
    double perSecond() {
      return requests / seconds;
    }
  }

  private interface Loader {
    Result run(String url, String token, Duration duration) throws Exception;
  }

  @Test
  void requestsPerSecond() throws Exception {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    Fixtures.TestTenant tenant = Fixtures.tenant("rps");
    String token = tenant.adminToken();
    // Lift the tenant's request quota: this measures the edge, not the rate limiter's refusals.
    Api.send(
        "PATCH",
        "/api/admin/tenants/" + tenant.slug(),
        Keycloak.platformAdminToken(),
        "{\"quotas\":{\"gpuConcurrency\":0,\"gpuHoursPerMonth\":0,\"storageGb\":1,"
            + "\"apiRequestsPerMinute\":100000000}}",
        java.util.Map.of());
    String tenantUrl = Env.baseUrl() + "/api/tenants/" + tenant.slug();
    String liveUrl = Env.baseUrl() + "/health/live";
    boolean wrk = Files.isExecutable(WRK);
    Loader loader = wrk ? ThroughputBenchmarkIT::wrk : ThroughputBenchmarkIT::javaClients;

    loader.run(tenantUrl, token, WARM_UP);
    Result tenantCalls = loader.run(tenantUrl, token, MEASURE);
    loader.run(liveUrl, null, WARM_UP);
    Result baseline = loader.run(liveUrl, null, MEASURE);

    Bench.report(
        "| GET /api/tenants/{slug}, "
            + CLIENTS
            + " clients ("
            + (wrk ? "wrk" : "Java HttpClient")
            + ") | "
            + Bench.f(tenantCalls.perSecond())
            + " req/s ("
            + tenantCalls.errors()
            + " errors) | /health/live: "
            + Bench.f(baseline.perSecond())
            + " req/s | ratio "
            + Bench.f(tenantCalls.perSecond() / baseline.perSecond())
            + " |");
  }

  /** wrk with two threads and one connection per client. */
  private static Result wrk(String url, String token, Duration duration) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(WRK.toString(), "-t2", "-c" + CLIENTS, "-d" + duration.toSeconds() + "s"));
    if (token != null) {
      command.addAll(List.of("-H", "Authorization: Bearer " + token));
    }
    command.add(url);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)s").matcher(out);
    if (!total.find()) {
      throw new IllegalStateException("unexpected wrk output: " + out);
    }
    Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
    long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    return new Result(
        Long.parseLong(total.group(1)) - errors, errors, Double.parseDouble(total.group(2)));
  }

  /** One JDK HttpClient per client thread, each sending requests back to back. */
  private static Result javaClients(String url, String token, Duration duration) throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(
          pool.submit(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
                if (token != null) {
                  b.header("Authorization", "Bearer " + token);
                }
                HttpRequest request = b.build();
                while (System.nanoTime() < end) {
                  try {
                    int status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status == 200 ? ok : errors).incrementAndGet();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> client : clients) {
      client.get();
    }
    pool.shutdown();
    return new Result(ok.get(), errors.get(), (System.nanoTime() - start) / 1e9);
  }
}
