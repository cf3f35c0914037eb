package io.millwright.server.console;

import io.millwright.console.ports.LineageGraph;
import io.millwright.console.ports.TenantDatasetLineage;
import io.millwright.server.datasets.DatasetLineage;
import io.millwright.server.security.TenantAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Dataset lineage in the console: the same lineage service and gate as the API's {@code lineage}
 * endpoint. Every member reads.
 */
@ApplicationScoped
public class ConsoleDatasetLineage implements TenantDatasetLineage {

  @Inject ConsoleCalls calls;
  @Inject DatasetLineage lineage;

  @Override
  public LineageGraph lineage(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "view dataset lineage");
    return ConsoleCalls.readable(
        () -> {
          DatasetLineage.Graph g = lineage.graph(tenant.tenantId(), name);
          return new LineageGraph(
              g.dataset(),
              g.upstream(),
              g.downstream(),
              g.edges().stream()
                  .map(
                      e ->
                          new LineageGraph.Edge(
                              e.from(),
                              e.fromVersion(),
                              e.to(),
                              e.toVersion(),
                              e.transform(),
                              e.at()))
                  .toList(),
              g.sources().stream()
                  .map(
                      s ->
                          new LineageGraph.Source(
                              s.dataset(), s.version(), s.kind(), s.uploadId(), s.at()))
                  .toList());
        });
  }
}
