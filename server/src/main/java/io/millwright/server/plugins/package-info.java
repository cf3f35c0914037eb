/**
 * The plugin host: loads PF4J plugins (shipped with Millwright, or installed by a platform admin as
 * signed archives kept in the database so every node loads the same set), checks the plugin API
 * version they require, and isolates each behind a class loader that sees only the JDK, PF4J and
 * {@code io.millwright.plugin.api}. Nothing here knows what a connection is; the connection runtime
 * listens for plugins going away.
 */
package io.millwright.server.plugins;
