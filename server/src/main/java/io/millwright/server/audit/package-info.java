/**
 * The audit trail: append-only entries hash-chained per tenant (the platform has its own chain),
 * written in the same transaction as the change they record, readable and verifiable by auditors.
 */
package io.millwright.server.audit;
