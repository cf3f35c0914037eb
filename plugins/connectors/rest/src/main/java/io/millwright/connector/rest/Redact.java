package io.millwright.connector.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Keeps secrets out of messages: a URL is shown as host and path only (a query may carry a key),
 * and response text is cut short and scrubbed of every secret of the connection and the access
 * token in use.
 */
final class Redact {

  private static final int SNIPPET = 200;

  private Redact() {}

  /** {@code crm.example.com/api/contacts}, or with a port when it is not the scheme's. */
  static String uri(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getHost() + port + path;
  }

  /** Some of a response body fit to show on one line, with no secret in it; "" when empty. */
  static String snippet(byte[] body, Collection<String> secrets) {
    if (body == null || body.length == 0) {
      return "";
    }
    int n = Math.min(body.length, SNIPPET * 4);
    String text = new String(body, 0, n, StandardCharsets.UTF_8);
    text = scrub(text, secrets).replaceAll("\\s+", " ").strip();
    if (text.length() > SNIPPET || n < body.length) {
      text = text.substring(0, Math.min(text.length(), SNIPPET)) + "...";
    }
    return text;
  }

  /** A text cut to one short line. */
  static String snippetOf(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() > SNIPPET ? t.substring(0, SNIPPET) + "..." : t;
  }

  /** Replaces every secret of 3 characters or more with ***. */
  static String scrub(String text, Collection<String> secrets) {
    String t = text;
    for (String s : secrets) {
      if (s != null && s.length() >= 3) {
        t = t.replace(s, "***");
      }
    }
    return t;
  }

  /** Whether a secret shows anywhere in a throwable's chain of messages. */
  static boolean leaks(Throwable t, Collection<String> secrets) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && !scrub(m, secrets).equals(m)) {
        return true;
      }
    }
    return false;
  }
}
