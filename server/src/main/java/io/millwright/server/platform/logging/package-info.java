/** Adds request id and tenant to every JSON log record Liberty writes for a request's thread. */
package io.millwright.server.platform.logging;
