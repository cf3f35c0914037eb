package io.millwright.server.connections.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.server.connections.Connection;
import io.millwright.server.connections.Schedule;
import io.millwright.tenancy.TenantId;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * What an idle polled connection costs a node: the same route the runtime deploys (endpoint,
 * scheduled polling consumer on the shared poll threads, processor), hundreds of them, measured as
 * heap and threads before and after. Run with -Dbenchmarks=true; prints figures, asserts no times.
 */
class ConnectionFootprintBenchmarkTest {

  /** A source plugin stand-in: the measurement is of the host's side of an idle connection. */
  static final class IdleConnector implements Connector {
    @Override
    public ConnectorDescriptor descriptor() {
      return new ConnectorDescriptor(
          "idle", "1.0.0", "Idle", "Never asked to read", Set.of(Capability.POLL), List.of());
    }

    @Override
    public ConnectionCheck check(ConnectorContext context) {
      return new ConnectionCheck("idle", List.of());
    }

    @Override
    public PollingSource openPolling(ConnectorContext context) {
      return new PollingSource() {
        @Override
        public Batch poll(Offset after, int maxRecords) {
          return new Batch(List.of(), after == null ? new Offset("0") : after, false);
        }

        @Override
        public void close() {}
      };
    }
  }

  static Connection connection(TenantId tenant, int i) {
    return new Connection(
        tenant,
        UUID.randomUUID(),
        "idle-" + i,
        "",
        "idle",
        UUID.randomUUID(),
        "ds",
        Map.of(),
        Set.of(),
        Schedule.parse("every 1h"),
        false,
        50_000,
        Duration.ofSeconds(2),
        true,
        null,
        0,
        null,
        null,
        null,
        Instant.now(),
        "bench",
        Instant.now(),
        0);
  }

  static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void anIdlePolledConnectionCostsKilobytesAndNoThreadOfItsOwn() throws Exception {
    assumeTrue(Boolean.getBoolean("benchmarks"), "run with -Dbenchmarks=true");
    CamelContext camel = new DefaultCamelContext();
    ConnectionComponent component = new ConnectionComponent();
    camel.addComponent(ConnectionComponent.SCHEME, component);
    camel.start();
    IngestionRuntime runtime = new IngestionRuntime();
    set(
        runtime,
        "pollThreads",
        camel.getExecutorServiceManager().newScheduledThreadPool(this, "poll", 4));
    set(runtime, "initialDelay", Duration.ofHours(1));
    Connector connector = new IdleConnector();
    TenantId tenant = TenantId.random();
    // Warm up Camel's own lazily created parts with a few routes first.
    deploy(camel, component, runtime, connector, tenant, 0, 20);
    int threadsBefore = Thread.activeCount();
    long before = usedHeap();
    int n = 500;
    deploy(camel, component, runtime, connector, tenant, 20, n);
    long after = usedHeap();
    int threadsAfter = Thread.activeCount();
    double kbEach = (after - before) / 1024.0 / n;
    System.out.printf(
        "BENCH idle polled connections: %d routes, %.1f KB heap each, %d threads added in all%n",
        n, kbEach, threadsAfter - threadsBefore);
    assertThat(camel.getRoutes()).hasSize(n + 20);
    camel.stop();
  }

  private static void deploy(
      CamelContext camel,
      ConnectionComponent component,
      IngestionRuntime runtime,
      Connector connector,
      TenantId tenant,
      int from,
      int count)
      throws Exception {
    List<Running> all = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      all.add(new Running(connection(tenant, i), connector));
    }
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            for (Running rc : all) {
              from(new ConnectionEndpoint(component, rc, runtime))
                  .routeId(rc.routeId())
                  .process(exchange -> {});
            }
          }
        });
  }

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = IngestionRuntime.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }
}
