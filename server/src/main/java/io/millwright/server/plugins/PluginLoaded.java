package io.millwright.server.plugins;

import java.util.Set;

/** Fired after a plugin (or a new version of one) is loaded and its connectors are available. */
public record PluginLoaded(String pluginId, Set<String> connectorIds) {}
