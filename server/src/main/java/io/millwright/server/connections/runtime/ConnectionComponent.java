package io.millwright.server.connections.runtime;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The Camel component of connection endpoints ({@code millwright-connection:<id>}). Endpoints are
 * made by the runtime with the deployed connection in hand, never from a URI typed somewhere.
 */
final class ConnectionComponent extends DefaultComponent {

  static final String SCHEME = "millwright-connection";

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    throw new UnsupportedOperationException(
        "connection endpoints are created by the connection runtime, not from a URI: " + uri);
  }
}
