/**
 * The usage ledger's persistence: recording usage events into PostgreSQL and reading totals back,
 * over plain JDBC on a connection and transaction the caller owns. May depend on the metering
 * domain, {@code io.millwright.tenancy} and {@code java.sql}; never on the server.
 */
package io.millwright.metering.ledger;
