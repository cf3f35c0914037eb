package io.millwright.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.PushDelivery;
import io.millwright.plugin.api.connector.PushSource;
import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signature: HMAC-SHA256 of {@code id.timestamp.body} under the secret, {@code v1,<Base64>},
 * several per header for rotation. Every refusal is REJECTED, and no message ever holds the secret,
 * the signature expected or the one received.
 */
class SignatureTest {

  static final String SECRET = "signature-test-secret-9b41c0e7d2";
  static final String BODY = "[{\"id\":1,\"total\":10.5},{\"id\":2,\"total\":20}]";

  private final WebhookConnector connector = new WebhookConnector();
  private final Sender sender = new Sender(SECRET);
  private final List<String> messages = new ArrayList<>();
  private final List<String> signatures = new ArrayList<>();

  private PushSource source(Map<String, String> config) throws ConnectorException {
    return connector.openPush(new TestContext(connector.descriptor(), config));
  }

  private PushSource source() throws ConnectorException {
    return source(Map.of("secret", SECRET));
  }

  /** Receives a request that must be refused; keeps its message for the secret check. */
  private ConnectorException refused(PushSource source, PushedRequest request) {
    String id = request.header(Sender.ID);
    String timestamp = request.header(Sender.TIMESTAMP);
    if (id != null && timestamp != null) {
      byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
      signatures.add(Sender.v1(key, id, timestamp, request.body()).substring(3));
    }
    String received = request.header(Sender.SIGNATURE);
    if (received != null && received.length() > 8) {
      signatures.add(received);
    }
    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> source.receive(request));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.REJECTED);
    assertThat(e.getMessage()).isNotBlank();
    messages.add(e.getMessage());
    return e;
  }

  @AfterEach
  void noMessageHoldsTheSecretOrASignature() {
    for (String message : messages) {
      assertThat(message).doesNotContain(SECRET);
      for (String signature : signatures) {
        assertThat(message).doesNotContain(signature);
      }
    }
  }

  @Test
  void aGoodSignatureIsAcceptedAndTheSignedIdAndTimeComeBack() throws Exception {
    PushDelivery d = source().receive(sender.push("msg_1", "1714060800", BODY));
    assertThat(d.id()).isEqualTo("msg_1");
    assertThat(d.sentAt()).isEqualTo(Instant.parse("2024-04-25T16:00:00Z"));
    assertThat(d.records())
        .extracting(SourceRecord::origin)
        .containsExactly("delivery msg_1 #1", "delivery msg_1 #2");
  }

  @Test
  void aChangedBodyIsRefused() throws Exception {
    PushedRequest good = sender.push("msg_1", BODY);
    byte[] body = BODY.replace("10.5", "99.5").getBytes(StandardCharsets.UTF_8);
    PushedRequest changed =
        new PushedRequest(good.method(), good.headers(), body, good.receivedAt());
    assertThat(refused(source(), changed).getMessage())
        .contains("no signature in the Webhook-Signature header matches");
  }

  @Test
  void aChangedIdIsRefused() throws Exception {
    PushedRequest good = sender.push("msg_1", BODY);
    refused(source(), Sender.with(good, Sender.ID, "msg_2"));
  }

  @Test
  void aChangedTimestampIsRefused() throws Exception {
    PushedRequest good = sender.push("msg_1", "1714060800", BODY);
    refused(source(), Sender.with(good, Sender.TIMESTAMP, "1714060801"));
  }

  @Test
  void anotherSecretIsRefused() throws Exception {
    refused(source(), new Sender("another-secret-entirely-0000").push("msg_1", BODY));
  }

  @ParameterizedTest
  @ValueSource(strings = {Sender.ID, Sender.TIMESTAMP, Sender.SIGNATURE})
  void aMissingHeaderIsRefusedByName(String header) throws Exception {
    PushedRequest without = Sender.with(sender.push("msg_1", BODY), header, null);
    assertThat(refused(source(), without).getMessage()).contains("has no " + header + " header");
    PushedRequest empty = Sender.with(sender.push("msg_1", BODY), header, "");
    assertThat(refused(source(), empty).getMessage()).contains("has no " + header + " header");
  }

  @Test
  void aRequestWithoutAnyHeaderNamesAllThree() throws Exception {
    PushedRequest bare = Sender.request(Map.of(), BODY.getBytes(StandardCharsets.UTF_8));
    assertThat(refused(source(), bare).getMessage())
        .contains("no Webhook-Id, no Webhook-Timestamp, no Webhook-Signature header");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256=9f2c41d07a1b",
        "v1=g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        "v1,",
        "v1,not*base64*at*all",
        "v1,AAAA",
        "t=1714060800,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
      })
  void aMalformedSignatureHeaderIsRefused(String header) throws Exception {
    PushedRequest request = Sender.with(sender.push("msg_1", BODY), Sender.SIGNATURE, header);
    refused(source(), request);
  }

  @Test
  void aHeaderWithoutAnyV1SignatureSaysWhatItExpects() throws Exception {
    PushedRequest request =
        Sender.with(sender.push("msg_1", BODY), Sender.SIGNATURE, "sha256=9f2c41d07a1b");
    assertThat(refused(source(), request).getMessage())
        .contains("holds no signature of the form 'v1,<Base64 of the HMAC-SHA256>'");
  }

  @Test
  void whileTheSecretIsRotatedAnyMatchingSignatureIsEnough() throws Exception {
    PushedRequest signed = sender.push("msg_1", "1714060800", BODY);
    String right = signed.header(Sender.SIGNATURE);
    String old =
        new Sender("the-previous-secret-1234567")
            .v1("msg_1", "1714060800", BODY.getBytes(StandardCharsets.UTF_8));
    // The new signature second, and a signature of another scheme among them.
    PushedRequest rotated =
        Sender.with(
            signed, Sender.SIGNATURE, "v1a,c2lnbmVkIGJ5IGFuIGVkMjU1MTkga2V5 " + old + " " + right);
    assertThat(source().receive(rotated).records()).hasSize(2);

    // The same two in two header lines, as some proxies split them.
    Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
    headers.put("webhook-signature", List.of(old, right));
    PushedRequest split = new PushedRequest("POST", headers, signed.body(), signed.receivedAt());
    assertThat(source().receive(split).id()).isEqualTo("msg_1");

    PushedRequest onlyOld = Sender.with(signed, Sender.SIGNATURE, old + " v1,AAAA");
    refused(source(), onlyOld);
  }

  @Test
  void moreThanSixteenSignaturesAreNotRead() throws Exception {
    PushedRequest signed = sender.push("msg_1", BODY);
    String many = (signed.header(Sender.SIGNATURE) + " ").repeat(17).strip();
    assertThat(refused(source(), Sender.with(signed, Sender.SIGNATURE, many)).getMessage())
        .contains("at most 16");
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-1714060800", "1714060800.5", "+1714060800", "17140608000000"})
  void aTimestampThatIsNotUnixSecondsIsRefusedEvenWhenSigned(String timestamp) throws Exception {
    ConnectorException e = refused(source(), sender.push("msg_1", timestamp, BODY));
    assertThat(e.getMessage()).contains("Webhook-Timestamp header must be").contains("Unix time");
  }

  @Test
  void millisecondsAreNamedAsTheMistake() throws Exception {
    ConnectorException e = refused(source(), sender.push("msg_1", "1714060800000", BODY));
    assertThat(e.getMessage()).contains("looks like milliseconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"msg 1", "msg.1", "msg_é", "msg\t1"})
  void anIdThatCouldBeReadTwoWaysOrIsNotPlainAsciiIsRefused(String id) throws Exception {
    assertThat(refused(source(), sender.push(id, BODY)).getMessage())
        .contains("Webhook-Id header must be 1 to 256 visible ASCII characters");
  }

  @Test
  void anIdOf256CharactersIsTakenAndOneOf257IsNot() throws Exception {
    String id = "m".repeat(256);
    assertThat(source().receive(sender.push(id, BODY)).id()).isEqualTo(id);
    refused(source(), sender.push(id + "m", BODY));
  }

  @Test
  void anIdSentTwiceWithDifferentValuesIsRefused() throws Exception {
    PushedRequest signed = sender.push("msg_1", BODY);
    Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
    headers.put("webhook-id", List.of("msg_1", "msg_2"));
    refused(source(), new PushedRequest("POST", headers, signed.body(), signed.receivedAt()));
    headers.put("webhook-id", List.of("msg_1", "msg_1"));
    assertThat(
            source().receive(new PushedRequest("POST", headers, signed.body(), Instant.now())).id())
        .isEqualTo("msg_1");
  }

  @Test
  void aBase64SecretIsItsDecodedBytes() throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 37 + 200); // not UTF-8 text: only Base64 can carry it
    }
    String secret = "base64:" + Base64.getEncoder().encodeToString(key);
    PushSource source = source(Map.of("secret", secret));
    Sender binary = new Sender(key, Sender.ID, Sender.TIMESTAMP, Sender.SIGNATURE);
    assertThat(source.receive(binary.push("msg_1", BODY)).records()).hasSize(2);
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> source.receive(new Sender(secret).push("msg_2", BODY)));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.REJECTED);
    assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(secret.substring(7));
  }

  /**
   * Standard Webhooks' (Svix's) published example: secret {@code whsec_MfKQ...}, so this connector
   * reads senders that follow that specification. The timestamp is from 2021: refusing old requests
   * is the host's job, by the {@code sentAt} returned.
   */
  @Test
  void theStandardWebhooksExampleVerifies() throws Exception {
    PushSource source = source(Map.of("secret", "base64:MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek");
    headers.put("webhook-timestamp", "1614265330");
    headers.put("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    PushDelivery d =
        source.receive(
            Sender.request(headers, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
    assertThat(d.id()).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
    assertThat(d.sentAt()).isEqualTo(Instant.parse("2021-02-25T15:02:10Z"));
    assertThat(d.records())
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly(Map.entry("test", 2432232314L)));
  }

  @Test
  void otherHeaderNamesAreFoundWhateverTheirCase() throws Exception {
    PushSource source =
        source(
            Map.of(
                "secret", SECRET,
                "idHeader", "X-Delivery",
                "timestampHeader", "X-Sent",
                "signatureHeader", "X-Signature"));
    Sender other =
        new Sender(SECRET.getBytes(StandardCharsets.UTF_8), "x-delivery", "X-SENT", "x-Signature");
    assertThat(source.receive(other.push("d-7", BODY)).id()).isEqualTo("d-7");
    assertThat(refused(source, sender.push("d-8", BODY)).getMessage())
        .contains("has no X-Delivery, no X-Sent, no X-Signature header");
  }

  @Test
  void manyRequestThreadsShareOneSource() throws Exception {
    PushSource source = source();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String id = "msg_" + i;
        boolean good = i % 3 != 0;
        PushedRequest request =
            good ? sender.push(id, BODY) : new Sender("wrong-secret-000000000").push(id, BODY);
        calls.add(
            () -> {
              try {
                return source.receive(request).id().equals(id) && good;
              } catch (ConnectorException e) {
                return !good && e.kind() == ConnectorException.Kind.REJECTED;
              }
            });
      }
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
