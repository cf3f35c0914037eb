/**
 * The {@code rest} connector: reads a JSON collection from an HTTP API (CRMs, portals) page by page
 * with the JDK's HttpClient, with API key, bearer or OAuth2 client-credentials authentication,
 * retries with backoff and Retry-After, and optionally incrementally by a field that grows.
 */
package io.millwright.connector.rest;
