/**
 * The REST application root and its error contract: every error leaves as RFC 9457
 * application/problem+json with a stable type, a readable title and detail, and the request id,
 * never a stack trace or SQL.
 */
package io.millwright.server.platform.rest;
