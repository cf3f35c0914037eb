package io.millwright.server.plugins;

import io.millwright.plugin.api.PluginApi;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a plugin built against one plugin API version runs on this host. A plugin names
 * the version it was built against ({@code plugin.requires=1.0.0}); it runs on any host of the same
 * major version that is at least as new, because minor versions only add (default methods, new
 * types). Expressions PF4J understands ({@code >=1.0.0 & <2.0.0}) are accepted too.
 */
final class ApiCompatibility {

  private static final Pattern PLAIN = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Pattern BOUND =
      Pattern.compile("\\s*(>=|<=|>|<|=)?\\s*(\\d+\\.\\d+\\.\\d+)\\s*");

  private ApiCompatibility() {}

  /** Null when the plugin runs on this host, else why not. */
  static String problem(String requires) {
    return problem(requires, PluginApi.VERSION);
  }

  static String problem(String requires, String host) {
    Matcher plain = PLAIN.matcher(requires.strip());
    if (plain.matches()) {
      int[] need = parse(requires.strip());
      int[] have = parse(host);
      if (need[0] != have[0]) {
        return "it was built for plugin API "
            + requires
            + ", and this Millwright provides plugin API "
            + host
            + " (major versions differ; rebuild the plugin against "
            + have[0]
            + ".x)";
      }
      if (compare(need, have) > 0) {
        return "it needs plugin API "
            + requires
            + ", newer than the "
            + host
            + " this Millwright provides; upgrade Millwright or use an older build of the plugin";
      }
      return null;
    }
    for (String clause : requires.split("&")) {
      Matcher m = BOUND.matcher(clause);
      if (!m.matches()) {
        return "plugin.requires '"
            + requires
            + "' is not a version (1.0.0) or a range (>=1.0.0 & <2.0.0)";
      }
      String op = m.group(1) == null ? "=" : m.group(1);
      int c = compare(parse(host), parse(m.group(2)));
      boolean ok =
          switch (op) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case "<" -> c < 0;
            default -> c == 0;
          };
      if (!ok) {
        return "it needs plugin API " + requires.strip() + ", and this Millwright provides " + host;
      }
    }
    return null;
  }

  private static int[] parse(String version) {
    String[] parts = version.split("[.+-]");
    return new int[] {
      Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])
    };
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
