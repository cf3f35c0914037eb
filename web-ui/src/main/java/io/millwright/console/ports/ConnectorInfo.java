package io.millwright.console.ports;

import java.util.List;

/**
 * A connector in the tenant's catalogue.
 *
 * @param name what the catalogue shows, e.g. "Database (JDBC)"
 * @param capabilities how records leave its sources, lowercase and sorted: {@code poll}, {@code
 *     stream}, {@code push}
 * @param options the configuration a connection of it takes, in display order
 * @param plugin the plugin that provides it
 * @param bundled whether it ships with the platform (rather than being a tenant's or partner's)
 */
public record ConnectorInfo(
    String id,
    String name,
    String description,
    String version,
    List<String> capabilities,
    List<ConnectorOption> options,
    String plugin,
    String pluginVersion,
    boolean bundled) {

  public static final String POLL = "poll";
  public static final String STREAM = "stream";
  public static final String PUSH = "push";

  public boolean can(String capability) {
    return capabilities.contains(capability);
  }
}
