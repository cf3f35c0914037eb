/**
 * The connector extension point: a {@link io.millwright.plugin.api.connector.Connector} describes
 * its configuration and opens a polling, streaming or push source for one connection. The host owns
 * everything else (scheduling, batching, writing to datasets, offsets, retries, metering), so a
 * connector only reads its source and never acknowledges anything before the host says the records
 * are committed.
 */
package io.millwright.plugin.api.connector;
