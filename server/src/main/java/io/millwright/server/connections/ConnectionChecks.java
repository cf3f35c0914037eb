package io.millwright.server.connections;

import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Test connection", the same for the API and the console: the connector reaches its source with a
 * configuration, on a managed thread and within {@link #CHECK_SECONDS}, and says what it found. A
 * refusal or a source that does not answer is a 422 with readable words; a bad configuration is a
 * 400 naming each option ({@code config.<option>}).
 */
@ApplicationScoped
public class ConnectionChecks {

  static final long CHECK_SECONDS = 60;

  @Inject Connections connections;
  @Inject ConnectorCatalog catalog;
  @Resource ManagedExecutorService executor;

  /** A configuration before it is saved, checked against the descriptor as a create would. */
  public ConnectionCheck draft(TenantId tenant, ConnectionSpec spec) {
    if (spec == null || spec.connector() == null) {
      throw new ProblemException(Problem.invalidFields(Map.of("connector", "is required")));
    }
    ConnectorConfig config = connections.draftConfig(tenant, spec, null);
    return check(catalog.require(tenant, spec.connector()), config);
  }

  /** A saved connection's configuration, its secrets opened for the connector only. */
  public ConnectionCheck saved(TenantId tenant, String name) {
    ConnectionStore.Stored stored = connections.stored(tenant, name);
    Connector connector = catalog.require(tenant, stored.connection().connectorId());
    return check(connector, connections.config(stored, connector.descriptor()));
  }

  private ConnectionCheck check(Connector connector, ConnectorConfig config) {
    TestContext ctx = new TestContext(UUID.randomUUID().toString(), config);
    Future<ConnectionCheck> future = executor.submit(() -> connector.check(ctx));
    try {
      return future.get(CHECK_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ProblemException(
          Problem.of(
              422,
              "connection-test-failed",
              "Connection test failed",
              "The source did not answer within " + CHECK_SECONDS + " s."));
    } catch (ExecutionException e) {
      String why =
          e.getCause() instanceof ConnectorException ce
              ? ce.getMessage()
              : "the connector failed: " + e.getCause();
      throw new ProblemException(
          Problem.of(422, "connection-test-failed", "Connection test failed", why));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(Problem.badRequest("interrupted"));
    }
  }

  /** A check runs outside any route: a context of its own, logged under the connector. */
  private record TestContext(String connectionId, ConnectorConfig config)
      implements ConnectorContext {
    @Override
    public System.Logger log() {
      return System.getLogger("millwright.connection.test");
    }

    @Override
    public void status(String line) {}
  }
}
