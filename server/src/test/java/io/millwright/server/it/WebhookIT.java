package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: an outside system pushes signed deliveries to a push connection's address
 * (no Keycloak token), the shipped webhook connector checks the HMAC, the host refuses stale and
 * replayed deliveries and writes each accepted one exactly once, even when the sender retries or
 * sends the same delivery many times at once. Another tenant's address never reaches it.
 */
class WebhookIT {

  static final String SECRET = "whsec-" + UUID.randomUUID();
  static final String EVENTS =
      "{\"name\":\"%s\",\"columns\":["
          + "{\"name\":\"event_id\",\"type\":\"integer\",\"required\":true},"
          + "{\"name\":\"kind\",\"type\":\"string\"},"
          + "{\"name\":\"amount\",\"type\":\"decimal\",\"min\":0}],"
          + "\"primaryKey\":[\"event_id\"]}";

  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;
  static String engineer;
  static String engineerOfB;

  @BeforeAll
  static void setUp() {
    a = Fixtures.tenant("hook-a");
    b = Fixtures.tenant("hook-b");
    engineer = Fixtures.member(a, "engineer", "data-engineer");
    engineerOfB = Fixtures.member(b, "engineer", "data-engineer");
  }

  static String base(Fixtures.TestTenant t) {
    return "/api/tenants/" + t.slug();
  }

  /** Creates a dataset and a push connection into it; returns the connection's push address. */
  static String pushConnection(Fixtures.TestTenant t, String token, String name) {
    Reply ds = Api.post(base(t) + "/datasets", token, EVENTS.formatted(name + "_events"));
    assertThat(ds.status()).as(ds.toString()).isEqualTo(201);
    Reply made =
        Api.post(
            base(t) + "/connections",
            token,
            "{\"name\":\""
                + name
                + "\",\"connector\":\"webhook\",\"dataset\":\""
                + name
                + "_events\",\"schedule\":\"push\",\"config\":{\"secret\":\""
                + SECRET
                + "\",\"format\":\"json\"}}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    JsonObject c = Api.get(base(t) + "/connections/" + name, token).json();
    assertThat(c.getJsonArray("secretsSet").toString()).contains("secret");
    assertThat(c.toString()).doesNotContain(SECRET);
    return c.getString("pushUrl");
  }

  static Reply deliver(String url, String id, Instant sentAt, String body, String secret) {
    String timestamp = Long.toString(sentAt.getEpochSecond());
    return Api.sendBytes(
        "POST",
        url,
        null,
        "application/json",
        body.getBytes(StandardCharsets.UTF_8),
        Map.of(
            "Webhook-Id",
            id,
            "Webhook-Timestamp",
            timestamp,
            "Webhook-Signature",
            "v1," + sign(secret, id + "." + timestamp + "." + body)));
  }

  static String sign(String secret, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String events(int from, int to) {
    List<String> items = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      items.add("{\"event_id\":" + i + ",\"kind\":\"order.paid\",\"amount\":" + i + ".50}");
    }
    return "[" + String.join(",", items) + "]";
  }

  static long rows(Fixtures.TestTenant t, String token, String dataset) {
    return ConnectionsIT.count(t, token, "select count(*) from " + dataset);
  }

  @Test
  void aSignedDeliveryIsCommittedOnceAndARetryChangesNothing() {
    String url = pushConnection(a, engineer, "shop");
    assertThat(url)
        .isEqualTo("/api/push/" + a.slug() + "/" + url.substring(url.lastIndexOf('/') + 1));

    Reply first = deliver(url, "evt-1", Instant.now(), events(1, 3), SECRET);
    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(first.json().getInt("written")).isEqualTo(3);
    assertThat(first.json().getBoolean("duplicate")).isFalse();

    // The sender did not hear back and sends the same delivery again: taken, nothing written.
    Reply retry = deliver(url, "evt-1", Instant.now(), events(1, 3), SECRET);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
    assertThat(retry.json().getBoolean("duplicate")).isTrue();
    assertThat(rows(a, engineer, "shop_events")).isEqualTo(3);

    JsonObject run =
        ConnectionsIT.items(Api.get(base(a) + "/connections/shop/runs", engineer)).get(0);
    assertThat(run.getString("trigger")).isEqualTo("push");
    assertThat(run.getString("status")).isEqualTo("succeeded");
  }

  @Test
  void forgedTamperedAndStaleDeliveriesAreRefusedAndWriteNothing() {
    String url = pushConnection(a, engineer, "forged");
    String body = events(1, 2);

    Reply wrongKey = deliver(url, "f-1", Instant.now(), body, "not-the-secret");
    assertThat(wrongKey.status()).as(wrongKey.toString()).isEqualTo(401);
    assertThat(wrongKey.isProblem()).isTrue();
    assertThat(wrongKey.body()).doesNotContain(SECRET);

    // Signed for one body, carrying another.
    String ts = Long.toString(Instant.now().getEpochSecond());
    Reply tampered =
        Api.sendBytes(
            "POST",
            url,
            null,
            "application/json",
            events(1, 9).getBytes(StandardCharsets.UTF_8),
            Map.of(
                "Webhook-Id",
                "f-2",
                "Webhook-Timestamp",
                ts,
                "Webhook-Signature",
                "v1," + sign(SECRET, "f-2." + ts + "." + body)));
    assertThat(tampered.status()).as(tampered.toString()).isEqualTo(401);

    Reply unsigned =
        Api.sendBytes(
            "POST", url, null, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(401);

    // Genuinely signed, but ten minutes old: a captured delivery replayed later.
    Reply stale = deliver(url, "f-3", Instant.now().minusSeconds(600), body, SECRET);
    assertThat(stale.status()).as(stale.toString()).isEqualTo(401);
    assertThat(stale.json().getString("detail")).contains("tolerance");

    assertThat(rows(a, engineer, "forged_events")).isZero();
  }

  @Test
  void aPoisonRecordIsQuarantinedAndTheRestWritten() {
    String url = pushConnection(a, engineer, "poison");
    String body =
        "[{\"event_id\":1,\"kind\":\"a\",\"amount\":1},"
            + "{\"event_id\":2,\"kind\":\"b\",\"amount\":\"lots\"},"
            + "{\"event_id\":3,\"kind\":\"c\",\"amount\":3}]";
    Reply r = deliver(url, "p-1", Instant.now(), body, SECRET);
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(r.json().getInt("written")).isEqualTo(2);
    assertThat(r.json().getInt("quarantined")).isEqualTo(1);
    Reply quarantine = Api.get(base(a) + "/datasets/poison_events/quarantine", engineer);
    assertThat(quarantine.body()).contains("lots");
  }

  @Test
  void theSameDeliverySentManyTimesAtOnceIsWrittenOnce() throws Exception {
    String url = pushConnection(a, engineer, "burst");
    String body = events(1, 50);
    Instant at = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replies.add(pool.submit(() -> deliver(url, "same-delivery", at, body, SECRET)));
      }
      int accepted = 0;
      int duplicates = 0;
      for (Future<Reply> f : replies) {
        Reply r = f.get();
        if (r.status() == 202) {
          accepted++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(200);
          duplicates++;
        }
      }
      assertThat(accepted).isEqualTo(1);
      assertThat(duplicates).isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows(a, engineer, "burst_events")).isEqualTo(50);
  }

  @Test
  void aPausedConnectionTurnsDeliveriesAwayUntilResumed() {
    String url = pushConnection(a, engineer, "paused");
    assertThat(Api.post(base(a) + "/connections/paused/pause", engineer, "{}").status())
        .isEqualTo(200);
    Reply refused = deliver(url, "q-1", Instant.now(), events(1, 1), SECRET);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(Api.post(base(a) + "/connections/paused/resume", engineer, "{}").status())
        .isEqualTo(200);
    assertThat(deliver(url, "q-1", Instant.now(), events(1, 1), SECRET).status()).isEqualTo(202);
  }

  @Test
  void anotherTenantsAddressNeverReachesTheConnection() {
    String url = pushConnection(a, engineer, "mine");
    String id = url.substring(url.lastIndexOf('/') + 1);
    // B's slug with A's connection id, an unknown tenant, a malformed id: all 404, none written.
    assertThat(
            deliver("/api/push/" + b.slug() + "/" + id, "x-1", Instant.now(), events(1, 1), SECRET)
                .status())
        .isEqualTo(404);
    assertThat(
            deliver("/api/push/no-such-tenant-zz/" + id, "x-2", Instant.now(), events(1, 1), SECRET)
                .status())
        .isEqualTo(404);
    assertThat(
            deliver(
                    "/api/push/" + a.slug() + "/" + UUID.randomUUID(),
                    "x-3",
                    Instant.now(),
                    events(1, 1),
                    SECRET)
                .status())
        .isEqualTo(404);
    assertThat(rows(a, engineer, "mine_events")).isZero();
    // B sees neither the connection nor its runs.
    assertThat(Api.get(base(b) + "/connections/mine", engineerOfB).status()).isEqualTo(404);
    // A bearer token does not replace the signature: B's engineer still gets 401 without it.
    Reply withToken =
        Api.sendBytes("POST", url, engineerOfB, "application/json", "[]".getBytes(), Map.of());
    assertThat(withToken.status()).as(withToken.toString()).isEqualTo(401);
  }
}
