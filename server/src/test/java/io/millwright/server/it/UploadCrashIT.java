package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of an upload: afterwards the dataset is at the version it had, the upload
 * is marked interrupted, and a retry with the same Idempotency-Key writes the rows exactly once.
 */
class UploadCrashIT {

  static final String DECLARATION =
      "{\"name\":\"meter_feed\",\"columns\":[{\"name\":\"meter\",\"type\":\"string\"},"
          + "{\"name\":\"reading\",\"type\":\"integer\"}]}";

  static String rows(int from, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      b.append("m-").append(i).append(',').append(i).append('\n');
    }
    return b.toString();
  }

  /** A body that sends a first part, then waits (the server blocks reading) until released. */
  static InputStream stalling(String first, CountDownLatch release) {
    byte[] head = ("meter,reading\n" + first).getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      int pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos < head.length) {
          int n = Math.min(len, head.length - pos);
          System.arraycopy(head, pos, b, off, n);
          pos += n;
          return n;
        }
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("the server went away");
      }
    };
  }

  static long totalRows(Fixtures.TestTenant t, String token) {
    return Api.get("/api/tenants/" + t.slug() + "/datasets/meter_feed/rows?limit=1", token)
        .json()
        .getJsonNumber("totalRows")
        .longValue();
  }

  @Test
  void anUploadCutOffByACrashLeavesThePreviousVersionAndARetryWritesOnce() throws Exception {
    Fixtures.TestTenant t = Fixtures.tenant("crash");
    String engineer = Fixtures.member(t, "engineer", "data-engineer");
    String base = "/api/tenants/" + t.slug() + "/datasets";
    assertThat(Api.post(base, engineer, DECLARATION).status()).isEqualTo(201);
    Reply first =
        Api.upload(
            base + "/meter_feed/uploads",
            engineer,
            "text/csv",
            ("meter,reading\n" + rows(0, 1000)).getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertThat(first.status()).isEqualTo(201);
    long v1 = first.json().getJsonNumber("version").longValue();

    CountDownLatch release = new CountDownLatch(1);
    HttpRequest cutOff =
        HttpRequest.newBuilder(URI.create(Env.baseUrl() + base + "/meter_feed/uploads"))
            .header("Authorization", "Bearer " + engineer)
            .header("Content-Type", "text/csv")
            .header("Idempotency-Key", "feed-42")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> stalling(rows(1000, 60_000), release)))
            .build();
    CompletableFuture<HttpResponse<String>> inFlight =
        // HTTP/1.1: an h2c upgrade would make the server read the whole body before dispatching.
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .sendAsync(cutOff, HttpResponse.BodyHandlers.ofString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.superuserCount(
                        "select count(*) from dataset_upload where idempotency_key = 'feed-42'"
                            + " and status = 'running'")
                    == 1);
    Thread.sleep(1500); // let it read and write what it has been sent

    LibertyServer.killHard();
    release.countDown();
    assertThat(inFlight.handle((r, e) -> r == null ? -1 : r.statusCode()).join()).isNotEqualTo(201);
    LibertyServer.start();

    List<?> versions =
        Api.get(base + "/meter_feed/versions", engineer).json().getJsonArray("items");
    assertThat(versions).hasSize(1);
    assertThat(totalRows(t, engineer)).isEqualTo(1000);
    assertThat(
            Db.superuserCount(
                "select count(*) from dataset_upload where status = 'interrupted' and"
                    + " idempotency_key = 'feed-42'"))
        .isEqualTo(1);

    byte[] whole = ("meter,reading\n" + rows(1000, 60_000)).getBytes(StandardCharsets.UTF_8);
    Map<String, String> key = Map.of("Idempotency-Key", "feed-42");
    Reply retried = Api.upload(base + "/meter_feed/uploads", engineer, "text/csv", whole, key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    Reply again = Api.upload(base + "/meter_feed/uploads", engineer, "text/csv", whole, key);
    assertThat(again.status()).isEqualTo(200);
    assertThat(totalRows(t, engineer)).isEqualTo(61_000);
    assertThat(Api.get(base + "/meter_feed/versions", engineer).json().getJsonArray("items").size())
        .isEqualTo(2);
    assertThat(v1).isPositive();
  }
}
