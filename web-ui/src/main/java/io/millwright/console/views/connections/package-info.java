/**
 * A tenant's connections to its sources in the console: the list with each connection's state, live
 * status and last run; the catalogue of connectors; the "connect a source" wizard (pick, configure
 * from the connector's options, test, map to a dataset, schedule, name); and one connection with
 * its configuration, committed offset, runs and live status, refreshed by polling while the page is
 * open. Views build layout and call {@link io.millwright.console.ports.TenantConnections}; small
 * presenters here decide wording, badges and which schedules fit; rules stay on the server.
 */
package io.millwright.console.views.connections;
