package io.millwright.server.datasets;

import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Where a dataset's data came from and where it went, read from what every version records: its
 * source (an upload, a replay, a transform run), the transform and the input versions it read.
 * Nothing is kept apart from the versions themselves, so lineage cannot drift from the data.
 */
@ApplicationScoped
@Transactional
public class DatasetLineage {

  @Inject Datasets datasets;

  /**
   * One transform run: {@code from}@{@code fromVersion} was read to make {@code to}@{@code
   * toVersion}.
   */
  public record Edge(
      String from, long fromVersion, String to, long toVersion, String transform, Instant at) {}

  /** A version that came from outside (a file upload or a replay). */
  public record Source(String dataset, long version, String kind, String uploadId, Instant at) {}

  /** The graph around one dataset. */
  public record Graph(
      String dataset,
      List<String> upstream,
      List<String> downstream,
      List<Edge> edges,
      List<Source> sources) {}

  public Graph graph(TenantId tenant, String name) {
    datasets.get(tenant, name); // 404 when it does not exist
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Dataset d : datasets.list(tenant)) {
      tables.put(d.name(), datasets.table(d));
    }
    List<Edge> all = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    tables.forEach(
        (dataset, table) -> {
          for (Snapshot s : table.snapshots()) {
            Instant at = Instant.ofEpochMilli(s.timestampMillis());
            Map<String, Long> inputs = DatasetVersion.inputsOf(s);
            String transform = s.summary().get(DatasetVersion.TRANSFORM);
            inputs.forEach(
                (input, version) ->
                    all.add(new Edge(input, version, dataset, s.snapshotId(), transform, at)));
            String source = s.summary().get(DatasetVersion.SOURCE);
            if ("upload".equals(source) || "replay".equals(source)) {
              sources.add(
                  new Source(
                      dataset, s.snapshotId(), source, s.summary().get(DatasetVersion.UPLOAD), at));
            }
          }
        });
    Set<String> upstream = reach(name, all, true);
    Set<String> downstream = reach(name, all, false);
    Set<String> involved = new LinkedHashSet<>(upstream);
    involved.addAll(downstream);
    involved.add(name);
    List<Edge> edges =
        all.stream().filter(e -> involved.contains(e.from()) && involved.contains(e.to())).toList();
    List<Source> relevant = sources.stream().filter(s -> involved.contains(s.dataset())).toList();
    return new Graph(name, List.copyOf(upstream), List.copyOf(downstream), edges, relevant);
  }

  private static Set<String> reach(String start, List<Edge> edges, boolean up) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String at = todo.pop();
      for (Edge e : edges) {
        String next =
            up ? (e.to().equals(at) ? e.from() : null) : (e.from().equals(at) ? e.to() : null);
        if (next != null && !next.equals(start) && seen.add(next)) {
          todo.push(next);
        }
      }
    }
    return seen;
  }

  /**
   * The dataset's versions as OpenLineage run events (spec 2-0-2): one COMPLETE event per version,
   * with the job that made it, the inputs it read and the version it produced.
   */
  public List<Map<String, Object>> openLineage(TenantId tenant, String slug, String name) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    String namespace = "millwright://" + slug;
    List<Map<String, Object>> events = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      Map<String, String> summary = s.summary();
      String source = summary.getOrDefault(DatasetVersion.SOURCE, "unknown");
      String transform = summary.get(DatasetVersion.TRANSFORM);
      String upload = summary.get(DatasetVersion.UPLOAD);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventType", "COMPLETE");
      event.put("eventTime", Instant.ofEpochMilli(s.timestampMillis()).toString());
      event.put(
          "run",
          Map.of(
              "runId",
              upload != null
                  ? upload
                  : UUID.nameUUIDFromBytes((name + "@" + s.snapshotId()).getBytes()).toString()));
      event.put(
          "job",
          Map.of(
              "namespace",
              namespace,
              "name",
              transform != null ? "transform." + transform : source + "." + name));
      List<Map<String, Object>> inputs = new ArrayList<>();
      DatasetVersion.inputsOf(s)
          .forEach(
              (input, version) ->
                  inputs.add(
                      Map.of(
                          "namespace", namespace,
                          "name", input,
                          "facets", Map.of("version", versionFacet(version)))));
      event.put("inputs", inputs);
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("namespace", namespace);
      output.put("name", name);
      output.put("facets", Map.of("version", versionFacet(s.snapshotId())));
      output.put(
          "outputFacets",
          Map.of(
              "outputStatistics",
              Map.of(
                  "_producer",
                  PRODUCER,
                  "_schemaURL",
                  "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json",
                  "rowCount",
                  Long.parseLong(
                      summary.getOrDefault(
                          DatasetVersion.ROWS_WRITTEN,
                          summary.getOrDefault("added-records", "0"))))));
      event.put("outputs", List.of(output));
      event.put("producer", PRODUCER);
      event.put(
          "schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent");
      events.add(event);
    }
    return events;
  }

  static final String PRODUCER = "https://github.com/millwright/millwright";

  private static Map<String, Object> versionFacet(long version) {
    return Map.of(
        "_producer",
        PRODUCER,
        "_schemaURL",
        "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json",
        "datasetVersion",
        Long.toString(version));
  }
}
