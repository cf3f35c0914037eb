package io.millwright.plugin.api.connector;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector is, for the catalogue and for validating a connection's configuration.
 *
 * @param id stable identifier, lowercase letters, digits and dashes ({@code jdbc}, {@code
 *     acme-crm}); a connection refers to its connector by this id
 * @param version the connector's own version (semantic), shown beside its runs
 * @param displayName what the catalogue shows
 * @param description one or two sentences: which systems it reads and how
 * @param capabilities at least one
 * @param options the configuration a connection of this connector takes, in display order
 */
public record ConnectorDescriptor(
    String id,
    String version,
    String displayName,
    String description,
    Set<Capability> capabilities,
    List<ConfigOption> options) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  public ConnectorDescriptor {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "connector id '" + id + "' must be 2-40 lowercase letters, digits or dashes");
    }
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(displayName, "displayName");
    description = description == null ? "" : description;
    capabilities = Set.copyOf(capabilities);
    if (capabilities.isEmpty()) {
      throw new IllegalArgumentException("connector " + id + " declares no capability");
    }
    options = List.copyOf(options);
    if (options.stream().map(ConfigOption::name).distinct().count() != options.size()) {
      throw new IllegalArgumentException("connector " + id + " declares an option twice");
    }
  }

  public boolean can(Capability capability) {
    return capabilities.contains(capability);
  }
}
