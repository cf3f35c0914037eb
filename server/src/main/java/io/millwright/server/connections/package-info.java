/**
 * Connections: a tenant's configured instance of a connector, writing into one of its datasets on a
 * schedule, as a stream or from pushes, with runs, counts, retries and an offset committed with the
 * data. The runtime that turns them into Camel routes lives in {@code runtime}; connectors
 * themselves come from the plugin host and are only reached through the plugin API.
 */
package io.millwright.server.connections;
