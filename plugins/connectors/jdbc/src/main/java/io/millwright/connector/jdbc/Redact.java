package io.millwright.connector.jdbc;

import java.util.regex.Pattern;

/** Keeps secrets out of messages: URL parameters and user info, and the password itself. */
final class Redact {

  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)((?:password|pwd|sslpassword|sslkey|passwd)=)[^&;)]*");
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");
  private static final Pattern PG_POSITION = Pattern.compile("\\s+Position: \\d+\\s*$");
  private static final Pattern PG_SEVERITY = Pattern.compile("^(ERROR|FATAL|PANIC): ");

  private Redact() {}

  /** The URL without parameters and user info: what a message may say about where it went. */
  static String url(String url) {
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    return USER_INFO.matcher(u).replaceFirst("//");
  }

  /** {@code jdbc:sqlserver:}, the part of a URL that says which database it is. */
  static String scheme(String url) {
    int colon = url.indexOf(':', url.indexOf(':') + 1);
    return colon < 0 ? shorten(url(url)) : url.substring(0, colon + 1);
  }

  /** A driver's message made fit to show: no password, no connection-id noise. */
  static String message(String text, String password) {
    if (text == null || text.isBlank()) {
      return "no details from the driver";
    }
    String t = text.strip();
    // MariaDB prefixes its messages with "(conn=1234) ".
    if (t.startsWith("(conn=")) {
      int end = t.indexOf(") ");
      if (end > 0) {
        t = t.substring(end + 2);
      }
    }
    // PostgreSQL: "ERROR: relation ... does not exist\n  Position: 15", the position in a
    // statement the user never wrote.
    t = PG_POSITION.matcher(t).replaceAll("");
    t = PG_SEVERITY.matcher(t).replaceFirst("");
    t = t.replaceAll("\\s*\\R\\s*", " ");
    t = URL_SECRET.matcher(t).replaceAll("$1***");
    t = USER_INFO.matcher(t).replaceAll("//");
    if (password != null && password.length() >= 3) {
      t = t.replace(password, "***");
    }
    return t;
  }

  /** Whether a password of some length shows anywhere in a throwable's chain. */
  static boolean leaks(Throwable t, String password) {
    if (password == null || password.isEmpty()) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && m.contains(password)) {
        return true;
      }
    }
    return false;
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }
}
