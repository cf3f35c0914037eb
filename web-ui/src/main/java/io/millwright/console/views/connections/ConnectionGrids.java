package io.millwright.console.views.connections;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionRunRow;
import io.millwright.console.ports.ConnectionTestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The read-only grids of connection pages, each with a stable id for tests. */
final class ConnectionGrids {

  private ConnectionGrids() {}

  /** One option of a connection's configuration as its page shows it. */
  record ConfigLine(String option, String value, boolean secret) {}

  /** Plain options with their values, then secret ones as "set", never a value. */
  static List<ConfigLine> configLines(ConnectionDetail d) {
    List<ConfigLine> lines = new ArrayList<>();
    d.config().forEach((k, v) -> lines.add(new ConfigLine(k, v, false)));
    for (String secret : new TreeSet<>(d.secretsSet())) {
      lines.add(new ConfigLine(secret, "set", true));
    }
    return lines;
  }

  static Grid<ConfigLine> configuration(ConnectionDetail d) {
    Grid<ConfigLine> grid = new Grid<>(ConfigLine.class, false);
    grid.setId("connection-config-grid");
    grid.addColumn(ConfigLine::option).setHeader("Option").setAutoWidth(true);
    grid.addComponentColumn(
            line -> {
              Span value = new Span(ConnectionText.orEmpty(line.value()));
              value.addClassName("config-value");
              value.getElement().setAttribute("data-option", line.option());
              if (line.secret()) {
                value.getElement().getThemeList().add("badge contrast");
                value.getElement().setAttribute("data-secret", "true");
              }
              value.getStyle().set("white-space", "normal");
              return value;
            })
        .setHeader("Value")
        .setFlexGrow(1);
    grid.setItems(configLines(d));
    grid.setAllRowsVisible(true);
    return grid;
  }

  static Grid<ConnectionRunRow> runs() {
    Grid<ConnectionRunRow> grid = new Grid<>(ConnectionRunRow.class, false);
    grid.setId("connection-runs-grid");
    grid.addColumn(r -> ConnectionText.utc(r.startedAt()))
        .setHeader("Started (UTC)")
        .setAutoWidth(true);
    grid.addColumn(ConnectionRunRow::trigger).setHeader("Trigger").setAutoWidth(true);
    grid.addComponentColumn(ConnectionGrids::status)
        .setHeader("Status")
        .setKey("status")
        .setAutoWidth(true);
    grid.addColumn(r -> ConnectionText.duration(r.duration()))
        .setHeader("Duration")
        .setAutoWidth(true);
    grid.addColumn(ConnectionRunRow::recordsRead).setHeader("Read").setAutoWidth(true);
    grid.addColumn(ConnectionRunRow::rowsWritten).setHeader("Written").setAutoWidth(true);
    grid.addColumn(ConnectionRunRow::rowsQuarantined).setHeader("Quarantined").setAutoWidth(true);
    grid.addColumn(ConnectionRunRow::rowsDeduplicated).setHeader("Deduplicated").setAutoWidth(true);
    grid.addColumn(ConnectionRunRow::commits).setHeader("Commits").setAutoWidth(true);
    grid.addColumn(r -> ConnectionText.utc(r.finishedAt()))
        .setHeader("Finished (UTC)")
        .setAutoWidth(true);
    grid.addColumn(r -> ConnectionText.orEmpty(r.error())).setHeader("Error").setFlexGrow(1);
    return grid;
  }

  /** The run's status as a badge, carrying its counts for tests. */
  static Component status(ConnectionRunRow run) {
    Span status = new Span(run.status());
    status.getElement().getThemeList().add(statusTheme(run.status()));
    status.addClassName("run-status");
    status.getElement().setAttribute("data-status", run.status());
    status.getElement().setAttribute("data-written", String.valueOf(run.rowsWritten()));
    status.getElement().setAttribute("data-read", String.valueOf(run.recordsRead()));
    if (run.error() != null) {
      status.setTitle(run.error());
    }
    return status;
  }

  static String statusTheme(String status) {
    return switch (status) {
      case "succeeded" -> "badge success";
      case "failed" -> "badge error";
      case "running" -> "badge";
      default -> "badge contrast";
    };
  }

  /** The sample records a test found, one column per field in the order first seen. */
  static Grid<ConnectionTestResult.Sample> sample(String id, ConnectionTestResult result) {
    Grid<ConnectionTestResult.Sample> grid = new Grid<>();
    grid.setId(id);
    for (String column : result.columns()) {
      grid.addColumn(s -> valueOf(s.values(), column))
          .setHeader(column)
          .setKey(column)
          .setAutoWidth(true);
    }
    if (result.sample().stream().anyMatch(s -> s.problem() != null)) {
      grid.addColumn(s -> ConnectionText.orEmpty(s.problem()))
          .setHeader("Problem")
          .setAutoWidth(true);
    }
    grid.addColumn(ConnectionTestResult.Sample::origin)
        .setHeader("In the source")
        .setAutoWidth(true);
    grid.setItems(result.sample());
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static String valueOf(Map<String, String> values, String column) {
    return ConnectionText.orEmpty(values.get(column));
  }
}
