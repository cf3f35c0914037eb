package io.millwright.server.plugins;

import java.util.Set;

/**
 * Fired (synchronously) just before a plugin's classes go away: observers stop everything that uses
 * its connectors and drop every reference to them, or its class loader cannot be collected.
 */
public record PluginUnloading(String pluginId, Set<String> connectorIds) {}
