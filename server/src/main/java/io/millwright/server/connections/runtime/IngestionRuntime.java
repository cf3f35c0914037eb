package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.server.connections.Connection;
import io.millwright.server.connections.ConnectionStore;
import io.millwright.server.connections.ConnectorCatalog;
import io.millwright.server.connections.Schedule;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.plugins.PluginHost;
import io.millwright.server.plugins.PluginLoaded;
import io.millwright.server.plugins.PluginUnloading;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's Camel context and one route per active connection. Routes are added, replaced and
 * removed at run time as connections are created, changed, paused or deleted and as the plugins
 * providing their connectors come and go. A route's error handler retries a failed batch with
 * exponential backoff (a configuration problem is not retried); a batch is retried from the
 * committed offset, so a retry can never duplicate records.
 */
@ApplicationScoped
public class IngestionRuntime {

  private static final Logger LOG = Logger.getLogger(IngestionRuntime.class.getName());

  @Inject ConnectionStore store;
  @Inject ConnectionWorker worker;
  @Inject ConnectorCatalog catalog;
  @Inject PluginHost plugins;
  @Inject PlatformSettings settings;
  @Inject ConnectionLeases leases;

  @Resource ManagedExecutorService managed;

  @Inject
  @ConfigProperty(name = "millwright.connections.retries", defaultValue = "3")
  int retries;

  @Inject
  @ConfigProperty(name = "millwright.connections.retry-delay", defaultValue = "PT1S")
  Duration retryDelay;

  @Inject
  @ConfigProperty(name = "millwright.connections.threads", defaultValue = "4")
  int threads;

  @Inject
  @ConfigProperty(name = "millwright.connections.initial-delay", defaultValue = "PT5S")
  Duration initialDelay;

  @Inject PushReceiver pushes;

  private CamelContext camel;
  private ConnectionComponent component;
  private ScheduledExecutorService pollThreads;
  private final Map<UUID, Running> deployed = new ConcurrentHashMap<>();

  /** Active connections whose connector is not loaded (or not allowed) right now. */
  private final Map<UUID, Connection> waiting = new ConcurrentHashMap<>();

  public synchronized void start() {
    camel = new DefaultCamelContext();
    camel.getCamelContextExtension().setName("millwright-connections");
    component = new ConnectionComponent();
    camel.addComponent(ConnectionComponent.SCHEME, component);
    // A stopping route waits for its batch in flight; not the 45 s default when pausing one.
    camel.getShutdownStrategy().setTimeout(15);
    camel.start();
    pollThreads =
        camel.getExecutorServiceManager().newScheduledThreadPool(this, "millwright-poll", threads);
    int interrupted = store.interruptRunning(settings.nodeId());
    if (interrupted > 0) {
      LOG.warning(() -> interrupted + " connection run(s) were cut off by the last stop");
    }
    for (Connection c : store.listActiveEverywhere()) {
      deploy(c);
    }
  }

  /** Brings a connection's route in line with its stored state (after a create or change). */
  public synchronized void refresh(TenantId tenant, UUID id) {
    pushes.forget(id); // a changed push connection opens its source anew on the next delivery
    Optional<ConnectionStore.Stored> stored = store.find(tenant, id);
    if (stored.isEmpty() || !stored.get().connection().active()) {
      undeploy(id);
      waiting.remove(id);
      return;
    }
    deploy(stored.get().connection());
  }

  synchronized void deploy(Connection c) {
    undeploy(c.id());
    waiting.remove(c.id());
    if (c.schedule().kind() == Schedule.Kind.PUSH) {
      return; // pushes arrive through the HTTP API; no route polls or streams
    }
    Optional<Connector> connector =
        catalog.isAvailable(c.tenant(), c.connectorId())
            ? plugins.connector(c.connectorId())
            : Optional.empty();
    if (connector.isEmpty()) {
      waiting.put(c.id(), c);
      LOG.warning(
          () ->
              "Connection "
                  + c.name()
                  + " of tenant "
                  + c.tenant()
                  + " waits: connector "
                  + c.connectorId()
                  + " is not loaded or not allowed for the tenant");
      return;
    }
    Running rc = new Running(c, connector.get());
    ConnectionEndpoint endpoint = new ConnectionEndpoint(component, rc, this);
    try {
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              onException(ConnectorException.class)
                  .onWhen(
                      e ->
                          e.getException(ConnectorException.class).kind()
                              == ConnectorException.Kind.CONFIGURATION)
                  .maximumRedeliveries(0)
                  .handled(false);
              errorHandler(
                  defaultErrorHandler()
                      .maximumRedeliveries(retries)
                      .redeliveryDelay(retryDelay.toMillis())
                      .useExponentialBackOff()
                      .backOffMultiplier(2)
                      .maximumRedeliveryDelay(60_000)
                      .logExhausted(false)
                      .logRetryAttempted(true));
              from(endpoint).routeId(rc.routeId()).process(exchange -> ingest(rc, exchange));
            }
          });
      deployed.put(c.id(), rc);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Cannot start the route of connection " + c.name(), e);
      waiting.put(c.id(), c);
    }
  }

  /** The route's one processor: the worker does the batch on a managed thread. */
  private void ingest(Running rc, Exchange exchange) throws Exception {
    Object body = exchange.getIn().getBody();
    if (body instanceof List<?> records) {
      @SuppressWarnings("unchecked")
      List<SourceRecord> batch = (List<SourceRecord>) records;
      onManagedThread(() -> worker.commitStreamed(rc, batch));
      exchange.getMessage().setBody(batch.size());
    } else {
      String trigger = exchange.getIn().getHeader(PollConsumer.TRIGGER, "schedule", String.class);
      exchange.getMessage().setBody(onManagedThread(() -> worker.pollOnce(rc, trigger)));
    }
  }

  public synchronized void undeploy(UUID id) {
    Running rc = deployed.remove(id);
    if (rc == null) {
      return;
    }
    try {
      camel.getRouteController().stopRoute(rc.routeId());
      camel.removeRoute(rc.routeId());
      camel.removeEndpoints(ConnectionComponent.SCHEME + ":" + id);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Route of connection " + rc.name + " did not stop cleanly", e);
    }
    worker.closeSource(rc);
    try {
      leases.release(rc.tenant, rc.id);
    } catch (RuntimeException e) {
      // It expires by itself; another node then takes it.
      LOG.log(Level.FINE, "Lease of connection " + rc.name + " not released", e);
    }
    if (rc.runId != null) {
      try {
        onManagedThread(
            () -> {
              store.finishRun(rc.tenant, rc.runId, "interrupted", "the connection was stopped");
              return null;
            });
      } catch (Exception e) {
        LOG.log(Level.FINE, "finishing the run of " + rc.name, e);
      }
    }
  }

  /**
   * Runs a polled connection now.
   *
   * @return false when it is not deployed here or a run is in progress
   */
  public boolean runNow(UUID id) {
    Running rc = deployed.get(id);
    if (rc == null) {
      return false;
    }
    return camel.getRoute(rc.routeId()).getConsumer() instanceof PollConsumer p && p.runNow();
  }

  public LiveStatus status(UUID id) {
    Running rc = deployed.get(id);
    if (rc == null) {
      return waiting.containsKey(id)
          ? new LiveStatus("waiting-for-plugin", null, null, null, null, 0)
          : LiveStatus.STOPPED;
    }
    return new LiveStatus(
        rc.state, rc.statusLine, rc.lastError, rc.lastRunAt, rc.runId, rc.recordsThisRun);
  }

  /** A run failed for good: recorded, and when the connection is paused its route stops. */
  void runFailed(Running rc, Throwable error) {
    Throwable cause = unwrap(error);
    try {
      onManagedThread(
          () -> {
            worker.runFailed(rc, cause);
            return null;
          });
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Cannot record the failure of connection " + rc.name, e);
    }
    if ("paused".equals(rc.state)) {
      // Not from the route's own thread: stopping a route waits for its consumer.
      managed.execute(() -> undeploy(rc.id));
    }
  }

  void onPluginUnloading(@Observes PluginUnloading event) {
    for (Running rc : List.copyOf(deployed.values())) {
      if (event.connectorIds().contains(rc.connection.connectorId())) {
        Connection c = rc.connection;
        undeploy(rc.id);
        waiting.put(c.id(), c);
      }
    }
  }

  void onPluginLoaded(@Observes PluginLoaded event) {
    if (camel == null) {
      return; // start-up: start() deploys everything once the plugins are in
    }
    for (Connection c : List.copyOf(waiting.values())) {
      if (event.connectorIds().contains(c.connectorId())) {
        refresh(c.tenant(), c.id());
      }
    }
  }

  /** Runs work on a managed thread (transactions, JNDI) and waits for it. */
  <T> T onManagedThread(Callable<T> work) throws Exception {
    Future<T> future = managed.submit(work);
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw new IllegalStateException(cause);
    }
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof org.apache.camel.RuntimeCamelException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  ScheduledExecutorService pollThreads() {
    return pollThreads;
  }

  Duration retryDelay() {
    return retryDelay;
  }

  Duration initialDelay() {
    return initialDelay;
  }

  ConnectionWorker worker() {
    return worker;
  }

  /** Deployed routes, for the memory-per-connection benchmark and the health page. */
  public int deployedCount() {
    return deployed.size();
  }

  @PreDestroy
  synchronized void stop() {
    if (camel == null) {
      return;
    }
    for (UUID id : List.copyOf(deployed.keySet())) {
      undeploy(id);
    }
    camel.stop();
    camel = null;
  }
}
