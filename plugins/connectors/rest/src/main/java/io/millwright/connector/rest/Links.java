package io.millwright.connector.rest;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request URIs: query parameters added to the configured URL, and RFC 8288 next links. */
final class Links {

  private Links() {}

  /**
   * The URI with these query parameters, each replacing a parameter of the same name the URI
   * already had; the others are kept as they were written.
   */
  static URI withParams(URI base, List<Map.Entry<String, String>> params) {
    if (params.isEmpty()) {
      return base;
    }
    List<String> pairs = new ArrayList<>();
    String query = base.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        if (params.stream().noneMatch(p -> p.getKey().equals(name))) {
          pairs.add(pair);
        }
      }
    }
    for (Map.Entry<String, String> p : params) {
      pairs.add(encode(p.getKey()) + "=" + encode(p.getValue()));
    }
    String path =
        base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    return URI.create(
        base.getScheme() + "://" + base.getRawAuthority() + path + "?" + String.join("&", pairs));
  }

  /**
   * The target of the link with relation "next" in Link header values (RFC 8288 3), or null.
   * Several links may share one header value, separated by commas outside {@code <>} and quotes; a
   * rel may list several relations.
   */
  static String next(List<String> headerValues) {
    for (String value : headerValues) {
      int i = 0;
      int n = value.length();
      while (i < n) {
        int open = value.indexOf('<', i);
        if (open < 0) {
          break;
        }
        int close = value.indexOf('>', open + 1);
        if (close < 0) {
          break;
        }
        String target = value.substring(open + 1, close).strip();
        // Parameters up to the next comma outside quotes.
        int j = close + 1;
        boolean quoted = false;
        StringBuilder params = new StringBuilder();
        for (; j < n; j++) {
          char c = value.charAt(j);
          if (c == '"') {
            quoted = !quoted;
          } else if (c == ',' && !quoted) {
            break;
          }
          params.append(c);
        }
        if (hasNextRel(params.toString())) {
          return target;
        }
        i = j + 1;
      }
    }
    return null;
  }

  private static boolean hasNextRel(String params) {
    for (String param : splitOutsideQuotes(params)) {
      int eq = param.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = param.substring(eq + 1).strip();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      if (name.equals("rel")) {
        for (String rel : v.strip().split("\\s+")) {
          if (rel.equalsIgnoreCase("next")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static List<String> splitOutsideQuotes(String params) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (char c : params.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  /** Whether two URIs are on the same scheme, host and port (default ports made explicit). */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
