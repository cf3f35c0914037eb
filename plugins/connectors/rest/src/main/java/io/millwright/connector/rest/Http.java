package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.ConnectorException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * The JDK's HttpClient with what an API behind the internet needs: the connection's authentication
 * and headers on every request, retries of 5xx answers and I/O failures with exponential backoff
 * and jitter, Retry-After honoured on 429 and 503, a bounded response size, and failures turned
 * into the host's kinds with messages that hold no secret.
 *
 * <p>Owns its threads (a small daemon pool handed to the client), which {@link #close} ends.
 */
final class Http implements AutoCloseable {

  /** An answer: status, headers and the whole body. */
  record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** A response body larger than this is refused: lower the page size. */
  static final int MAX_BODY_BYTES = 64 << 20;

  /** A Retry-After longer than this is not waited for inside a poll: the run fails and retries. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final String USER_AGENT = "Millwright-REST-connector/1.0";

  private final RestSettings settings;
  private final Backoff backoff;
  private final int maxRetries;
  private final Logger log;
  private final ExecutorService executor;
  private final HttpClient client;
  private final OAuth2 oauth;
  private volatile String currentToken;

  /** What "now" is for token lifetimes and Retry-After dates. */
  final Clock clock;

  Http(RestSettings settings, Backoff backoff, int maxRetries, Logger log, Clock clock) {
    this.clock = clock;
    this.settings = settings;
    this.backoff = backoff;
    this.maxRetries = maxRetries;
    this.log = log;
    int id = CLIENTS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "millwright-rest-" + id + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // The client starts its selector thread now; it must not hold the plugin's class loader as
    // its context loader, or an unloaded plugin would stay in memory until that thread ends.
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      this.client =
          HttpClient.newBuilder()
              .executor(executor)
              .connectTimeout(settings.timeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .proxy(ProxySelector.getDefault())
              .version(HttpClient.Version.HTTP_1_1)
              .build();
    } finally {
      current.setContextClassLoader(before);
    }
    this.oauth = settings.auth() == RestSettings.Auth.OAUTH2 ? new OAuth2(settings, this) : null;
  }

  /**
   * GETs a URI with the connection's authentication, retrying what is worth retrying.
   *
   * @return a 2xx response
   * @throws ConnectorException UNAVAILABLE when retries ran out, CONFIGURATION when the API refused
   *     the request (credentials, URL, parameters)
   */
  Response get(URI uri) throws ConnectorException {
    String what = "GET " + Redact.uri(uri);
    boolean refreshed = false;
    while (true) {
      String bearer = oauth == null ? null : oauth.token();
      currentToken = bearer;
      Response r = exchange(what, () -> request(uri, bearer).GET().build());
      if (r.ok()) {
        return r;
      }
      if ((r.status() == 401 || r.status() == 403) && oauth != null && !refreshed) {
        // The token may have been revoked or expired early: one new token, one more try.
        log.log(Level.DEBUG, what + ": HTTP " + r.status() + ", fetching a new access token");
        oauth.invalidate(bearer);
        refreshed = true;
        continue;
      }
      throw refused(what, r, refreshed);
    }
  }

  /** A request with the connection's headers and authentication. */
  private HttpRequest.Builder request(URI uri, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    for (var h : settings.headers()) {
      b.setHeader(h.getKey(), h.getValue());
    }
    switch (settings.auth()) {
      case API_KEY -> b.setHeader(settings.apiKeyHeader(), settings.apiKey());
      case BEARER -> b.setHeader("Authorization", "Bearer " + settings.token());
      case OAUTH2 -> b.setHeader("Authorization", "Bearer " + bearer);
      default -> {}
    }
    return b;
  }

  /** A bare request builder for the token endpoint: no API headers, no API credentials. */
  HttpRequest.Builder plainRequest(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
  }

  /**
   * Sends a request until it gets an answer that retrying will not change: 5xx, 408, 429 and I/O
   * failures are retried up to maxRetries times (after Retry-After when the answer has one, else
   * after a backoff); every other answer is returned as it is.
   */
  Response exchange(String what, Supplier<HttpRequest> request) throws ConnectorException {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= maxRetries;
      Response r;
      try {
        r = send(request.get());
      } catch (IOException e) {
        if (e instanceof SSLHandshakeException) {
          throw ConnectorException.configuration(
              what
                  + ": the TLS handshake failed ("
                  + reason(e)
                  + "); check the URL and the"
                  + " server's certificate");
        }
        if (last) {
          throw ConnectorException.unavailable(
              what + ": " + reason(e) + " (" + attempts(attempt) + ")", causeOrNull(e));
        }
        Duration wait = backoff.delay(attempt);
        log.log(Level.INFO, what + ": " + reason(e) + "; retrying in " + millis(wait));
        sleep(wait, what);
        continue;
      }
      if (!retryable(r.status())) {
        return r;
      }
      Duration retryAfter =
          r.status() == 429 || r.status() == 503
              ? retryAfter(r.header("Retry-After"), clock.instant())
              : null;
      if (retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
        throw ConnectorException.unavailable(
            what
                + ": HTTP "
                + r.status()
                + ", the API asks to wait "
                + retryAfter.toSeconds()
                + " s before the next request; the run is tried again later",
            null);
      }
      if (last) {
        throw ConnectorException.unavailable(
            what
                + ": HTTP "
                + r.status()
                + statusText(r.status())
                + " ("
                + attempts(attempt)
                + ")"
                + detail(r),
            null);
      }
      Duration wait = retryAfter != null ? retryAfter : backoff.delay(attempt);
      log.log(
          Level.INFO,
          what
              + ": HTTP "
              + r.status()
              + (retryAfter != null ? ", Retry-After " : ", retrying in ")
              + millis(wait));
      sleep(wait, what);
    }
  }

  private Response send(HttpRequest request) throws IOException, ConnectorException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, info -> new LimitedBody(MAX_BODY_BYTES));
    try {
      // The request timeout bounds the wait for the headers; this bounds the body as well.
      HttpResponse<byte[]> response =
          future.get(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
      return new Response(
          response.statusCode(), response.headers(), response.body(), response.uri());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("no complete answer within " + settings.timeout());
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw ConnectorException.unavailable("interrupted while waiting for " + request.uri(), null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TooLarge) {
        throw ConnectorException.configuration(
            "GET "
                + Redact.uri(request.uri())
                + ": the response is larger than "
                + (MAX_BODY_BYTES >> 20)
                + " MiB; lower the page size");
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
    }
  }

  /** The exception for an answer the API will keep giving: it needs a configuration change. */
  ConnectorException refused(String what, Response r, boolean refreshed) {
    int st = r.status();
    String base = what + ": HTTP " + st + statusText(st);
    if (st == 401 || st == 403) {
      String hint =
          switch (settings.auth()) {
            case NONE -> "the API needs authentication; choose one in Authentication";
            case API_KEY -> "check the API key and the header it is sent in";
            case BEARER -> "check the token";
            case OAUTH2 ->
                (refreshed ? "refused even with a new access token; " : "")
                    + "check the client's scope and permissions";
          };
      return ConnectorException.configuration(
          base + ": the API refused the credentials (" + hint + ")" + detail(r));
    }
    if (st == 404) {
      return ConnectorException.configuration(base + ": check the URL" + detail(r));
    }
    if (st >= 300 && st < 400) {
      String location = r.header("Location");
      String to = "";
      if (location != null) {
        try {
          to = " to " + Redact.uri(r.uri().resolve(location.strip()));
        } catch (IllegalArgumentException e) {
          to = "";
        }
      }
      return ConnectorException.configuration(
          base + ": the API redirects" + to + "; set the URL to the address it redirects to");
    }
    return ConnectorException.configuration(
        base + ": the API refused the request" + detail(r) + "; check the options");
  }

  /** ": <what the body says>", scrubbed, or "". */
  String detail(Response r) {
    String snippet = Redact.snippet(r.body(), secrets());
    return snippet.isEmpty() ? "" : ": " + snippet;
  }

  /** The secrets of the connection and the access token in use. */
  List<String> secrets() {
    List<String> s = new ArrayList<>(settings.secrets());
    String t = currentToken;
    if (t != null) {
      s.add(t);
    }
    if (oauth != null) {
      s.addAll(oauth.tokens());
    }
    return s;
  }

  static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429 || status == 425;
  }

  /**
   * How long a Retry-After value asks to wait: delay-seconds or an HTTP date (RFC 9110 10.2.3);
   * null when absent or unreadable.
   */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return MAX_RETRY_AFTER.plusSeconds(1);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void sleep(Duration wait, String what) throws ConnectorException {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.unavailable(what + ": interrupted while waiting to retry", null);
    }
  }

  /** What went wrong on the wire, in a few words, with no secret. */
  private String reason(IOException e) {
    String text;
    if (e instanceof HttpTimeoutException) {
      text = "no answer within " + settings.timeout().toMillis() / 1000.0 + " s";
    } else if (e instanceof ConnectException && e.getCause() instanceof UnknownHostException
        || e instanceof UnknownHostException) {
      text = "unknown host";
    } else if (e instanceof ConnectException) {
      text = "could not connect (" + (e.getMessage() == null ? "refused" : e.getMessage()) + ")";
    } else {
      String m = e.getMessage();
      text =
          "connection failed ("
              + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip())
              + ")";
    }
    return Redact.scrub(text, secrets());
  }

  private Throwable causeOrNull(Throwable e) {
    return Redact.leaks(e, secrets()) ? null : e;
  }

  private static String attempts(int attempt) {
    return attempt == 0 ? "no retries configured" : "gave up after " + (attempt + 1) + " attempts";
  }

  private static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static String statusText(int status) {
    return switch (status) {
      case 400 -> " Bad Request";
      case 401 -> " Unauthorized";
      case 403 -> " Forbidden";
      case 404 -> " Not Found";
      case 405 -> " Method Not Allowed";
      case 408 -> " Request Timeout";
      case 410 -> " Gone";
      case 422 -> " Unprocessable Content";
      case 429 -> " Too Many Requests";
      case 500 -> " Internal Server Error";
      case 502 -> " Bad Gateway";
      case 503 -> " Service Unavailable";
      case 504 -> " Gateway Timeout";
      default -> "";
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
    // Java 21 made HttpClient AutoCloseable; on 17 its selector thread ends once it is unreachable.
    Object c = client;
    if (c instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.log(Level.DEBUG, "closing the HTTP client: " + e);
      }
    }
  }

  /** A body over the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("response body too large");
    }
  }

  /** Collects a body up to a limit and fails beyond it, so one answer cannot exhaust memory. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    LimitedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if ((long) out.size() + b.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
