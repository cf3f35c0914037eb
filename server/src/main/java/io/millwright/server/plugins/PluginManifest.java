package io.millwright.server.plugins;

import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What a plugin archive says about itself in its {@code plugin.properties}.
 *
 * @param requires the plugin API version it was built against, as PF4J's {@code plugin.requires}
 */
public record PluginManifest(
    String id, String version, String requires, String description, String provider) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9.-]{1,63}");
  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");

  /**
   * @throws PluginRefusedException naming the missing or malformed property
   */
  static PluginManifest of(Properties p) {
    String id = p.getProperty("plugin.id", "").strip();
    if (!ID.matcher(id).matches()) {
      throw new PluginRefusedException(
          "plugin.properties: plugin.id '"
              + id
              + "' must be 2-64 lowercase letters, digits, dots or dashes");
    }
    String version = p.getProperty("plugin.version", "").strip();
    if (!SEMVER.matcher(version).matches()) {
      throw new PluginRefusedException(
          "plugin.properties: plugin.version '" + version + "' is not a semantic version (1.2.3)");
    }
    String requires = p.getProperty("plugin.requires", "").strip();
    if (requires.isEmpty()) {
      throw new PluginRefusedException(
          "plugin.properties: plugin.requires is missing: name the plugin API version the plugin"
              + " was built against (e.g. plugin.requires=1.0.0)");
    }
    return new PluginManifest(
        id,
        version,
        requires,
        p.getProperty("plugin.description", "").strip(),
        p.getProperty("plugin.provider", "").strip());
  }
}
