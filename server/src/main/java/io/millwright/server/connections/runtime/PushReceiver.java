package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.PushDelivery;
import io.millwright.plugin.api.connector.PushSource;
import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.server.connections.Connection;
import io.millwright.server.connections.ConnectionStore;
import io.millwright.server.connections.Connections;
import io.millwright.server.connections.ConnectorCatalog;
import io.millwright.server.connections.Schedule;
import io.millwright.server.datasets.Upload;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.plugins.PluginHost;
import io.millwright.server.plugins.PluginUnloading;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes deliveries that outside systems push to a push connection's address, exactly once: the
 * connection's connector verifies the sender (signature) and reads the records; the host refuses
 * deliveries outside the freshness tolerance, and writes the records as one commit whose
 * transaction also records the delivery's id, so a replayed or retried delivery is recognised and
 * never written twice, and a delivery whose commit failed can be sent again.
 */
@ApplicationScoped
public class PushReceiver {

  private static final Logger LOG = Logger.getLogger(PushReceiver.class.getName());

  /** What became of a delivery. */
  public record Received(String deliveryId, boolean duplicate, int records, Upload upload) {}

  /** An opened source, kept while the connection's stored version is the same. */
  private record Opened(long version, String connectorId, PushSource source) {}

  @Inject ConnectionStore store;
  @Inject Connections connections;
  @Inject ConnectorCatalog catalog;
  @Inject PluginHost plugins;
  @Inject ConnectionWorker worker;
  @Inject PlatformSettings settings;

  @Inject
  @ConfigProperty(name = "millwright.connections.push-tolerance", defaultValue = "PT5M")
  Duration tolerance;

  private final Map<UUID, Opened> sources = new ConcurrentHashMap<>();
  private final Map<UUID, Instant> lastForget = new ConcurrentHashMap<>();

  /**
   * @throws ProblemException 404 no such push connection, 409 paused, 401 refused by the connector
   *     or stale, 503 connector not available
   */
  public Received receive(TenantId tenant, UUID connectionId, PushedRequest request) {
    ConnectionStore.Stored stored =
        store
            .find(tenant, connectionId)
            .filter(s -> s.connection().schedule().kind() == Schedule.Kind.PUSH)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("There is no push connection " + connectionId + ".")));
    Connection c = stored.connection();
    if (!c.active()) {
      throw new ProblemException(
          Problem.of(
              409,
              "connection-paused",
              "Connection paused",
              "Connection '"
                  + c.name()
                  + "' is paused and accepts no deliveries now; retry later."
                  + (c.pausedReason() == null ? "" : " (" + c.pausedReason() + ")")));
    }
    PushDelivery delivery = verify(stored, request);
    checkFresh(delivery, request.receivedAt());
    if (store.deliverySeen(tenant, c.id(), delivery.id())) {
      return new Received(delivery.id(), true, delivery.records().size(), null);
    }
    UUID run = store.startRun(tenant, c.id(), "push", null, settings.nodeId());
    try {
      Upload upload =
          worker.writeRecords(
              c,
              run,
              delivery.records().iterator(),
              c::committedOffset,
              snapshot -> {
                if (!store.rememberDelivery(tenant, c.id(), delivery.id())) {
                  throw new DuplicateDelivery(); // the same delivery won a race: roll back
                }
              });
      store.addToRun(
          tenant,
          run,
          upload.rowsRead(),
          upload.rowsWritten(),
          upload.rowsQuarantined(),
          upload.rowsDeduplicated(),
          null);
      store.finishRun(tenant, run, "succeeded", null);
      forgetOldDeliveries(tenant, c.id());
      return new Received(delivery.id(), false, delivery.records().size(), upload);
    } catch (RuntimeException e) {
      if (causedBy(e, DuplicateDelivery.class)) {
        store.finishRun(tenant, run, "succeeded", "delivery " + delivery.id() + " already taken");
        return new Received(delivery.id(), true, delivery.records().size(), null);
      }
      store.finishRun(tenant, run, "failed", ConnectionWorker.describe(e));
      throw e;
    }
  }

  /** The connector's verdict on the request: who sent it, when, and the records. */
  private PushDelivery verify(ConnectionStore.Stored stored, PushedRequest request) {
    Connection c = stored.connection();
    PushSource source = source(stored);
    try {
      // Connectors need not be thread-safe; a delivery's parse is short next to its commit.
      synchronized (source) {
        return source.receive(request);
      }
    } catch (ConnectorException e) {
      if (e.kind() == ConnectorException.Kind.REJECTED) {
        throw new ProblemException(
            Problem.of(401, "delivery-refused", "Delivery refused", e.getMessage()));
      }
      LOG.log(Level.WARNING, "Push connection " + c.name() + " could not take a delivery", e);
      throw new ProblemException(
          Problem.of(
              503,
              "connection-unavailable",
              "Connection unavailable",
              "Connection '" + c.name() + "' cannot take deliveries now: " + e.getMessage()));
    } catch (RuntimeException e) {
      // A connector bug is the host's problem to report, not the sender's to retry forever.
      LOG.log(Level.SEVERE, "Connector of push connection " + c.name() + " failed", e);
      throw new ProblemException(
          Problem.of(
              500,
              "connector-failed",
              "Connector failed",
              "The connector of '" + c.name() + "' failed on this delivery; it is logged."));
    }
  }

  private void checkFresh(PushDelivery delivery, Instant receivedAt) {
    Duration age = Duration.between(delivery.sentAt(), receivedAt);
    if (age.abs().compareTo(tolerance) > 0) {
      throw new ProblemException(
          Problem.of(
              401,
              "delivery-refused",
              "Delivery refused",
              "Delivery "
                  + delivery.id()
                  + " was signed at "
                  + delivery.sentAt()
                  + ", outside the "
                  + tolerance.toMinutes()
                  + "-minute tolerance around "
                  + receivedAt
                  + ": a replay, or the sender's clock is wrong."));
    }
  }

  private PushSource source(ConnectionStore.Stored stored) {
    Connection c = stored.connection();
    Opened opened = sources.get(c.id());
    if (opened != null && opened.version() == c.version()) {
      return opened.source();
    }
    Connector connector =
        (catalog.isAvailable(c.tenant(), c.connectorId())
                ? plugins.connector(c.connectorId())
                : java.util.Optional.<Connector>empty())
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                                503,
                                "connector-unavailable",
                                "Connector unavailable",
                                "Connector '"
                                    + c.connectorId()
                                    + "' of connection '"
                                    + c.name()
                                    + "' is not installed or not enabled; retry later.")
                            .with("retryAfterSeconds", 60)));
    ConnectorConfig config = connections.config(stored, connector.descriptor());
    PushSource source;
    try {
      source =
          connector.openPush(
              new HostContext(c.id().toString(), c.tenant() + "." + c.name(), config, line -> {}));
    } catch (ConnectorException e) {
      throw new ProblemException(
          Problem.of(
              503,
              "connection-unavailable",
              "Connection unavailable",
              "Connection '" + c.name() + "' cannot open: " + e.getMessage()));
    }
    Opened previous = sources.put(c.id(), new Opened(c.version(), c.connectorId(), source));
    if (previous != null) {
      close(previous);
    }
    return source;
  }

  /** Deliveries older than twice the tolerance are refused by age; their ids can go. */
  private void forgetOldDeliveries(TenantId tenant, UUID connection) {
    Instant now = Instant.now();
    Instant last = lastForget.get(connection);
    if (last != null && last.isAfter(now.minus(Duration.ofMinutes(1)))) {
      return;
    }
    lastForget.put(connection, now);
    try {
      store.forgetDeliveriesBefore(tenant, connection, now.minus(tolerance.multipliedBy(2)));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "forgetting old delivery ids", e);
    }
  }

  void onPluginUnloading(@Observes PluginUnloading event) {
    for (Map.Entry<UUID, Opened> e : List.copyOf(sources.entrySet())) {
      if (event.connectorIds().contains(e.getValue().connectorId())
          && sources.remove(e.getKey(), e.getValue())) {
        close(e.getValue());
      }
    }
  }

  /** A connection was changed or deleted: its source is opened anew on the next delivery. */
  public void forget(UUID connection) {
    Opened opened = sources.remove(connection);
    if (opened != null) {
      close(opened);
    }
  }

  @PreDestroy
  void closeAll() {
    for (UUID id : List.copyOf(sources.keySet())) {
      forget(id);
    }
  }

  private static void close(Opened opened) {
    try {
      opened.source().close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a push source", e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Thrown inside the commit when another request took the same delivery first. */
  static final class DuplicateDelivery extends RuntimeException {
    DuplicateDelivery() {
      super("duplicate delivery", null, false, false);
    }
  }
}
