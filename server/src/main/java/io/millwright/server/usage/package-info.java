/**
 * Usage over HTTP and the server's own metering: API requests per tenant are counted in memory per
 * minute and flushed idempotently into the billing-metering ledger.
 */
package io.millwright.server.usage;
