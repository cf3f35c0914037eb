package io.millwright.server.plugins;

import java.time.Instant;
import java.util.List;

/**
 * One plugin as the admin API shows it.
 *
 * @param source {@code bundled} (shipped in the server's plugins folder) or {@code installed}
 *     (uploaded through the admin API, kept in the database)
 * @param state {@code loaded}, {@code disabled} (installed but switched off) or {@code failed}
 * @param problem why it failed to load, in words; null otherwise
 * @param connectors ids of the connectors it provides
 */
public record PluginStatus(
    String id,
    String version,
    String requires,
    String description,
    String provider,
    String source,
    String state,
    String problem,
    String sha256,
    String signedBy,
    Instant installedAt,
    String installedBy,
    List<String> connectors,
    List<String> modelTypes) {}
