package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One connection's configuration, read and checked. Secrets (API key, token, client secret) are
 * held but never printed: {@link #toString} leaves them out and {@link #secrets} lists them so
 * messages can be scrubbed.
 */
record RestSettings(
    URI url,
    List<String> recordsPath,
    String recordsPathText,
    Pagination pagination,
    String pageParam,
    String pageSizeParam,
    int pageSize,
    String offsetParam,
    String limitParam,
    List<String> cursorPath,
    String cursorParam,
    String incrementalField,
    String sinceParam,
    Auth auth,
    String apiKeyHeader,
    String apiKey,
    String token,
    URI tokenUrl,
    String clientId,
    String clientSecret,
    String scope,
    List<Map.Entry<String, String>> headers,
    Duration timeout,
    int maxRetries) {

  // Option names, in display order.
  static final String URL = "url";
  static final String RECORDS_PATH = "recordsPath";
  static final String PAGINATION = "pagination";
  static final String PAGE_PARAM = "pageParam";
  static final String PAGE_SIZE_PARAM = "pageSizeParam";
  static final String PAGE_SIZE = "pageSize";
  static final String OFFSET_PARAM = "offsetParam";
  static final String LIMIT_PARAM = "limitParam";
  static final String CURSOR_PATH = "cursorPath";
  static final String CURSOR_PARAM = "cursorParam";
  static final String INCREMENTAL_FIELD = "incrementalField";
  static final String SINCE_PARAM = "sinceParam";
  static final String AUTH = "auth";
  static final String API_KEY_HEADER = "apiKeyHeader";
  static final String API_KEY = "apiKey";
  static final String TOKEN = "token";
  static final String TOKEN_URL = "tokenUrl";
  static final String CLIENT_ID = "clientId";
  static final String CLIENT_SECRET = "clientSecret";
  static final String SCOPE = "scope";
  static final String HEADERS = "headers";
  static final String TIMEOUT = "timeout";
  static final String MAX_RETRIES = "maxRetries";

  static final int MAX_PAGE_SIZE = 100_000;
  static final int MAX_RETRIES_ALLOWED = 20;

  /** How the API splits a collection into pages. */
  enum Pagination {
    NONE("none"),
    PAGE("page"),
    OFFSET("offset"),
    CURSOR("cursor"),
    LINK("link");

    final String label;

    Pagination(String label) {
      this.label = label;
    }

    static Pagination of(String label) {
      for (Pagination p : values()) {
        if (p.label.equals(label)) {
          return p;
        }
      }
      return NONE;
    }
  }

  /** How requests are authenticated. */
  enum Auth {
    NONE("none"),
    API_KEY("api-key"),
    BEARER("bearer"),
    OAUTH2("oauth2-client-credentials");

    final String label;

    Auth(String label) {
      this.label = label;
    }

    static Auth of(String label) {
      for (Auth a : values()) {
        if (a.label.equals(label)) {
          return a;
        }
      }
      return NONE;
    }
  }

  private static final Pattern TOKEN_CHARS = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers the JDK's client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  static RestSettings of(ConnectorConfig config) throws ConnectorException {
    URI url = httpUri(config, URL, "URL");
    String recordsPathText = blankToEmpty(config.text(RECORDS_PATH));
    List<String> recordsPath = pointer(recordsPathText, "Records path");
    Pagination pagination = Pagination.of(config.text(PAGINATION));
    Auth auth = Auth.of(config.text(AUTH));

    int pageSize = (int) bounded(config, PAGE_SIZE, "Page size", 1, MAX_PAGE_SIZE);
    int maxRetries = (int) bounded(config, MAX_RETRIES, "Max retries", 0, MAX_RETRIES_ALLOWED);
    Duration timeout = config.duration(TIMEOUT);
    if (timeout.isZero() || timeout.isNegative()) {
      throw ConnectorException.configuration("Timeout must be more than 0s, e.g. 30s");
    }

    String pageParam = param(config, PAGE_PARAM, "Page parameter", pagination == Pagination.PAGE);
    String pageSizeParam = blankToNull(config.text(PAGE_SIZE_PARAM));
    String offsetParam =
        param(config, OFFSET_PARAM, "Offset parameter", pagination == Pagination.OFFSET);
    String limitParam =
        param(config, LIMIT_PARAM, "Limit parameter", pagination == Pagination.OFFSET);
    String cursorParam =
        param(config, CURSOR_PARAM, "Cursor parameter", pagination == Pagination.CURSOR);
    String cursorPathText = blankToEmpty(config.text(CURSOR_PATH));
    List<String> cursorPath = pointer(cursorPathText, "Cursor path");
    if (pagination == Pagination.CURSOR && cursorPath.isEmpty()) {
      throw ConnectorException.configuration(
          "Cursor pagination needs a cursor path, the JSON pointer to the next cursor in the"
              + " response, e.g. /next_cursor or /meta/next");
    }

    String incrementalField = blankToNull(config.text(INCREMENTAL_FIELD));
    String sinceParam = blankToNull(config.text(SINCE_PARAM));
    if (sinceParam != null && incrementalField == null) {
      throw ConnectorException.configuration(
          "Since parameter is set but Incremental field is not: name the record field that grows,"
              + " e.g. updated_at");
    }

    String apiKeyHeader = null;
    String apiKey = null;
    String token = null;
    URI tokenUrl = null;
    String clientId = null;
    String clientSecret = null;
    String scope = null;
    switch (auth) {
      case API_KEY -> {
        apiKeyHeader = headerName(config.text(API_KEY_HEADER), "API key header");
        apiKey = secret(config, API_KEY, "API key", auth);
      }
      case BEARER -> token = secret(config, TOKEN, "Token", auth);
      case OAUTH2 -> {
        if (blankToNull(config.text(TOKEN_URL)) == null) {
          throw ConnectorException.configuration(
              "OAuth2 client credentials need the token URL, e.g."
                  + " https://login.example.com/oauth/token");
        }
        tokenUrl = httpUri(config, TOKEN_URL, "Token URL");
        clientId = blankToNull(config.text(CLIENT_ID));
        if (clientId == null) {
          throw ConnectorException.configuration("OAuth2 client credentials need the client id");
        }
        clientSecret = secret(config, CLIENT_SECRET, "Client secret", auth);
        scope = blankToNull(config.text(SCOPE));
      }
      default -> {}
    }
    List<Map.Entry<String, String>> headers = headers(config.text(HEADERS));
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (auth != Auth.NONE && name.equals("authorization")
          || auth == Auth.API_KEY && name.equalsIgnoreCase(apiKeyHeader)) {
        throw ConnectorException.configuration(
            "Headers sets " + h.getKey() + ", which the authentication (" + auth.label + ") sets");
      }
    }
    return new RestSettings(
        url,
        recordsPath,
        recordsPathText,
        pagination,
        pageParam,
        pageSizeParam,
        pageSize,
        offsetParam,
        limitParam,
        cursorPath,
        cursorParam,
        incrementalField,
        sinceParam,
        auth,
        apiKeyHeader,
        apiKey,
        token,
        tokenUrl,
        clientId,
        clientSecret,
        scope,
        headers,
        timeout,
        maxRetries);
  }

  /** The secret values of this configuration, to scrub from anything shown. */
  List<String> secrets() {
    List<String> s = new ArrayList<>(3);
    for (String v : new String[] {apiKey, token, clientSecret}) {
      if (v != null && !v.isEmpty()) {
        s.add(v);
      }
    }
    return s;
  }

  /** The URL as shown to people: host and path, no user info, no query. */
  String where() {
    return Redact.uri(url);
  }

  boolean incremental() {
    return incrementalField != null;
  }

  /**
   * {@code k: v} lines; blank lines and lines starting with '#' are left out. A value is never
   * quoted in a message: a header may well carry a credential.
   */
  static List<Map.Entry<String, String>> headers(String text) throws ConnectorException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (text == null) {
      return headers;
    }
    int lineNo = 0;
    for (String line : text.split("\\R")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        throw ConnectorException.configuration(
            "Headers line " + lineNo + " must be 'Name: value', e.g. Accept: application/json");
      }
      String name = l.substring(0, colon).strip();
      String value = l.substring(colon + 1).strip();
      if (!TOKEN_CHARS.matcher(name).matches()) {
        throw ConnectorException.configuration(
            "Headers line " + lineNo + ": a header name has letters, digits and -_. only");
      }
      if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        throw ConnectorException.configuration(
            "Headers line " + lineNo + ": " + name + " is set by the HTTP client itself");
      }
      if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw ConnectorException.configuration(
            "Headers line " + lineNo + ": the value of " + name + " has control characters");
      }
      headers.add(Map.entry(name, value));
    }
    return List.copyOf(headers);
  }

  private static URI httpUri(ConnectorConfig config, String option, String label)
      throws ConnectorException {
    URI uri;
    try {
      uri = config.uri(option);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.configuration(label + " is not a valid URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ConnectorException.configuration(
          label
              + " must start with https:// or http://, e.g. https://crm.example.com/api/contacts");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw ConnectorException.configuration(label + " names no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw ConnectorException.configuration(
          label + " must not carry a user name or password; use the authentication options");
    }
    if (uri.getRawFragment() != null) {
      throw ConnectorException.configuration(label + " must not have a #fragment");
    }
    return uri;
  }

  private static List<String> pointer(String text, String label) throws ConnectorException {
    try {
      return Json.pointer(text);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.configuration(label + " is not a JSON pointer: " + e.getMessage());
    }
  }

  private static long bounded(
      ConnectorConfig config, String option, String label, long min, long max)
      throws ConnectorException {
    long v = config.integer(option);
    if (v < min || v > max) {
      throw ConnectorException.configuration(label + " must be between " + min + " and " + max);
    }
    return v;
  }

  private static String param(ConnectorConfig config, String option, String label, boolean needed)
      throws ConnectorException {
    String v = blankToNull(config.text(option));
    if (needed && v == null) {
      throw ConnectorException.configuration(label + " is needed for this pagination");
    }
    return v;
  }

  private static String headerName(String text, String label) throws ConnectorException {
    String name = blankToNull(text);
    if (name == null || !TOKEN_CHARS.matcher(name).matches()) {
      throw ConnectorException.configuration(label + " must be a header name, e.g. X-API-Key");
    }
    return name;
  }

  private static String secret(ConnectorConfig config, String option, String label, Auth auth)
      throws ConnectorException {
    String v = config.text(option);
    if (v == null || v.isBlank()) {
      throw ConnectorException.configuration(label + " is needed for " + auth.label);
    }
    if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw ConnectorException.configuration(label + " has control characters");
    }
    return v.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  @Override
  public String toString() {
    return "RestSettings[" + where() + ", " + pagination.label + ", " + auth.label + "]";
  }
}
