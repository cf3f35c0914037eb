package io.millwright.connector.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CRM-like API in the test JVM, on a free loopback port. One collection of contacts, served in
 * every pagination style the connector knows:
 *
 * <ul>
 *   <li>{@code /all}: the whole collection as a bare array
 *   <li>{@code /page?page=&per_page=}: {@code {"data":[...],"page":n}}
 *   <li>{@code /offset?offset=&limit=}: {@code {"items":[...],"total":n}}
 *   <li>{@code /cursor?cursor=}: {@code {"data":[...],"meta":{"next":"<opaque>"}}}, {@link
 *       #cursorPageSize} per page
 *   <li>{@code /link?start=}: a bare array with a {@code Link: <...>; rel="next"} header
 * </ul>
 *
 * All take {@code updated_since} (inclusive, like most real APIs). Authentication is whatever
 * {@link #auth} says; {@code /oauth/token} issues client-credentials tokens that expire after
 * {@link #tokenLifetime}. Faults queued with {@link #fail} answer the next API requests (not the
 * token endpoint); {@link #flaky} fails requests at random. Every request is logged with its time.
 */
final class FakeApi implements AutoCloseable {

  static final String CLIENT_ID = "millwright-test-client";
  static final String CLIENT_SECRET = "s3cr3t-client-value";
  static final String API_KEY = "key-0123456789abcdef";
  static final String BEARER = "bearer-token-fedcba9876";

  /** What the API requires. */
  enum Auth {
    NONE,
    API_KEY,
    BEARER,
    OAUTH2
  }

  /** A fault answering one request. */
  record Fault(int status, String retryAfter, boolean drop, boolean cut) {
    static Fault status(int status) {
      return new Fault(status, null, false, false);
    }

    static Fault retryAfter(int status, String value) {
      return new Fault(status, value, false, false);
    }

    /** The connection closes before any answer. */
    static Fault dropped() {
      return new Fault(0, null, true, false);
    }

    /** The answer promises a body and the connection closes halfway. */
    static Fault cutShort() {
      return new Fault(200, null, false, true);
    }
  }

  /** One request as the API saw it. */
  record Seen(Instant at, String method, String path, Map<String, String> query, int status) {}

  private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

  final URI base;
  volatile Auth auth = Auth.NONE;
  volatile String apiKeyHeader = "X-API-Key";
  volatile boolean basicAccepted = true;
  volatile Duration tokenLifetime = Duration.ofMinutes(10);
  volatile int cursorPageSize = 3;
  volatile int linkPageSize = 3;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<Object> elements = new CopyOnWriteArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private int nextId = 1;
  private int clock;
  private Random flaky;
  private double flakyRate;

  FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  // ---- the collection ------------------------------------------------------------------------

  /** Adds contacts with growing ids and updated_at; returns their ids. */
  synchronized List<Integer> add(int count) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = nextId++;
      elements.add(contact(id, T0.plusSeconds(++clock)));
      ids.add(id);
    }
    return ids;
  }

  /** Adds a contact with a given updated_at (ties with others on purpose). */
  synchronized int addAt(Instant updatedAt) {
    int id = nextId++;
    elements.add(contact(id, updatedAt));
    return id;
  }

  /** Adds an element that is not a JSON object. */
  synchronized void addRaw(Object element) {
    elements.add(element);
  }

  /** The contact changed: a new updated_at, and it moves to the end, as if sorted by it. */
  synchronized void touch(int id) {
    for (Object e : elements) {
      if (e instanceof Map<?, ?> m
          && Integer.valueOf(id).equals(((Number) m.get("id")).intValue())) {
        elements.remove(e);
        @SuppressWarnings("unchecked")
        Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) m);
        c.put("updated_at", T0.plusSeconds(++clock).toString());
        c.put("name", c.get("name") + " (changed)");
        elements.add(c);
        return;
      }
    }
    throw new IllegalArgumentException("no contact " + id);
  }

  Instant lastUpdatedAt() {
    return T0.plusSeconds(clock);
  }

  private static Map<String, Object> contact(int id, Instant updatedAt) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", (long) id);
    c.put("name", "Contact " + id);
    c.put("updated_at", updatedAt.toString());
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", id % 2 == 0 ? "Lyon" : "Zürich");
    address.put("geo", Map.of("lat", 45.75));
    c.put("address", address);
    c.put("tags", List.of("customer", "id-" + id));
    return c;
  }

  // ---- faults and the log ----------------------------------------------------------------------

  synchronized void fail(Fault... next) {
    faults.addAll(List.of(next));
  }

  /** Fails about this share of API requests, alternating 503s and dropped connections. */
  synchronized void flaky(double rate, long seed) {
    flakyRate = rate;
    flaky = new Random(seed);
  }

  synchronized void revokeTokens() {
    tokens.clear();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  void clearLog() {
    seen.clear();
  }

  // ---- serving -------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    Instant at = Instant.now();
    String path = ex.getRequestURI().getPath();
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    try {
      if (path.equals("/oauth/token")) {
        int status = token(ex);
        seen.add(new Seen(at, ex.getRequestMethod(), path, query, status));
        return;
      }
      Fault fault = nextFault();
      if (fault != null) {
        seen.add(
            new Seen(at, ex.getRequestMethod(), path, query, fault.drop() ? -1 : fault.status()));
        inject(ex, fault);
        return;
      }
      if (!authorized(ex)) {
        seen.add(new Seen(at, ex.getRequestMethod(), path, query, 401));
        send(ex, 401, "{\"error\":\"unauthorized\"}", Map.of("WWW-Authenticate", "Bearer"));
        return;
      }
      int status = serve(ex, path, query);
      seen.add(new Seen(at, ex.getRequestMethod(), path, query, status));
    } finally {
      ex.close();
    }
  }

  private synchronized Fault nextFault() {
    Fault f = faults.poll();
    if (f == null && flaky != null && flaky.nextDouble() < flakyRate) {
      f = flaky.nextBoolean() ? Fault.status(503) : Fault.dropped();
    }
    return f;
  }

  private void inject(HttpExchange ex, Fault fault) throws IOException {
    if (fault.drop()) {
      ex.close(); // no answer at all: the connection closes
      return;
    }
    if (fault.cut()) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 1000);
      OutputStream out = ex.getResponseBody();
      out.write("[{\"id\":1,".getBytes(StandardCharsets.UTF_8));
      out.flush();
      // Closing the exchange now leaves the promised body short and closes the connection.
      ex.close();
      return;
    }
    Map<String, String> headers =
        fault.retryAfter() == null ? Map.of() : Map.of("Retry-After", fault.retryAfter());
    send(ex, fault.status(), "{\"error\":\"try later\"}", headers);
  }

  private boolean authorized(HttpExchange ex) {
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    return switch (auth) {
      case NONE -> true;
      case API_KEY -> API_KEY.equals(ex.getRequestHeaders().getFirst(apiKeyHeader));
      case BEARER -> ("Bearer " + BEARER).equals(authorization);
      case OAUTH2 -> {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
          yield false;
        }
        Instant expires = tokens.get(authorization.substring(7));
        yield expires != null && Instant.now().isBefore(expires);
      }
    };
  }

  private int token(HttpExchange ex) throws IOException {
    Map<String, String> form =
        query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = ex.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      if (!basicAccepted) {
        send(ex, 401, "{\"error\":\"invalid_client\"}", Map.of());
        return 401;
      }
      String pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
    }
    if (!"client_credentials".equals(form.get("grant_type"))
        || !CLIENT_ID.equals(id)
        || !CLIENT_SECRET.equals(secret)) {
      send(
          ex,
          401,
          "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
          Map.of());
      return 401;
    }
    String token =
        "tok-" + tokensIssued.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    tokens.put(token, Instant.now().plus(tokenLifetime));
    send(
        ex,
        200,
        "{\"access_token\":\""
            + token
            + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + tokenLifetime.toSeconds()
            + "}",
        Map.of());
    return 200;
  }

  private int serve(HttpExchange ex, String path, Map<String, String> q) throws IOException {
    List<Object> all = visible(q.get("updated_since"));
    switch (path) {
      case "/all" -> {
        send(ex, 200, Json.write(all), Map.of());
        return 200;
      }
      case "/page" -> {
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int size = Integer.parseInt(q.getOrDefault("per_page", "10"));
        List<Object> slice = slice(all, (page - 1) * size, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", slice);
        body.put("page", (long) page);
        send(ex, 200, Json.write(body), Map.of());
        return 200;
      }
      case "/offset" -> {
        int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", slice(all, offset, limit));
        body.put("total", (long) all.size());
        send(ex, 200, Json.write(body), Map.of());
        return 200;
      }
      case "/cursor" -> {
        // The cursor is the id of the last record handed out: stable while records are added.
        String cursor = q.get("cursor");
        int from = 0;
        if (cursor != null) {
          String after = new String(Base64.getUrlDecoder().decode(cursor));
          from =
              after.startsWith("@")
                  ? Integer.parseInt(after.substring(1)) + 1
                  : indexAfter(all, Long.parseLong(after));
        }
        List<Object> slice = slice(all, from, cursorPageSize);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (from + slice.size() < all.size()) {
          meta.put("next", cursorAfter(slice.get(slice.size() - 1), from + slice.size() - 1));
        } else {
          meta.put("next", null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", slice);
        body.put("meta", meta);
        send(ex, 200, Json.write(body), Map.of());
        return 200;
      }
      case "/link" -> {
        int start = Integer.parseInt(q.getOrDefault("start", "0"));
        List<Object> slice = slice(all, start, linkPageSize);
        Map<String, String> headers = new LinkedHashMap<>();
        if (start + slice.size() < all.size()) {
          StringBuilder next = new StringBuilder("/link?start=" + (start + slice.size()));
          if (q.containsKey("updated_since")) {
            next.append("&updated_since=")
                .append(URLEncoder.encode(q.get("updated_since"), StandardCharsets.UTF_8));
          }
          headers.put(
              "Link", "<" + next + ">; rel=\"next\", <" + base + "/link?start=0>; rel=\"first\"");
        }
        send(ex, 200, Json.write(slice), headers);
        return 200;
      }
      default -> {
        send(ex, 404, "{\"error\":\"no such endpoint\"}", Map.of());
        return 404;
      }
    }
  }

  /** For /cursor: an opaque cursor for the element after which the next page starts. */
  private static String cursorAfter(Object element, int index) {
    String after =
        element instanceof Map<?, ?> m ? m.get("id").toString() : "@" + index; // by id, as most do
    return Base64.getUrlEncoder().encodeToString(after.getBytes(StandardCharsets.UTF_8));
  }

  private static int indexAfter(List<Object> all, long id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) instanceof Map<?, ?> m && ((Number) m.get("id")).longValue() == id) {
        return i + 1;
      }
    }
    return all.size();
  }

  private List<Object> visible(String since) {
    if (since == null) {
      return List.copyOf(elements);
    }
    Instant bound = Instant.parse(since);
    List<Object> out = new ArrayList<>();
    for (Object e : elements) {
      if (!(e instanceof Map<?, ?> m)
          || !Instant.parse((String) m.get("updated_at")).isBefore(bound)) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Object> slice(List<Object> all, int from, int size) {
    if (from >= all.size()) {
      return List.of();
    }
    return new ArrayList<>(all.subList(from, Math.min(all.size(), from + size)));
  }

  private static void send(HttpExchange ex, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
