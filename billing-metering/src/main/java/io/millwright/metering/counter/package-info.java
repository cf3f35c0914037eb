/**
 * In-memory counting of very frequent usage (such as every API request) into per-window usage
 * events that are flushed to the ledger in batches. May depend on the metering domain and {@code
 * io.millwright.tenancy}; never on JDBC or the server.
 */
package io.millwright.metering.counter;
