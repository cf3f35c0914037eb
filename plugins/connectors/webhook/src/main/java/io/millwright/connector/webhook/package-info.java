/**
 * The {@code webhook} connector: receives records pushed to a connection's address as HTTP requests
 * signed with HMAC-SHA256 over the delivery id, the timestamp and the body (Standard Webhooks'
 * scheme, several signatures for key rotation), in JSON, JSON lines or CSV. The host refuses
 * replays and stale requests by the signed id and timestamp the source returns.
 */
package io.millwright.connector.webhook;
