/**
 * The connection runtime: one Camel route per active connection on this node. A polled connection's
 * route starts from a scheduled polling consumer, a streaming one from a consumer that
 * micro-batches what the source delivers; both hand batches to the worker, which writes them into
 * the dataset through the one write path of every source, with the source offset in the same
 * commit. Work runs on the server's managed threads (transactions, JNDI); Camel schedules, retries
 * with backoff and starts and stops routes at run time.
 */
package io.millwright.server.connections.runtime;
