package io.millwright.console.views.datasets;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.LineageGraph;
import io.millwright.console.ports.TenantDatasetLineage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A dataset's Lineage section: a left-to-right picture (upstream datasets, this one, downstream
 * ones, arrows named by transform), links to the other datasets, the transform runs with their
 * versions and the uploads that fed them.
 */
final class LineageTab extends VerticalLayout {

  LineageTab(TenantDatasetLineage lineage, String slug, String name) {
    setId("dataset-lineage");
    LineageGraph graph;
    try {
      graph = lineage.lineage(slug, name);
    } catch (ConsoleException ex) {
      Paragraph problem = new Paragraph(ex.getMessage());
      problem.setId("lineage-problem");
      add(problem);
      return;
    }
    // Html cannot hold SVG here; an image with a data URI can, as on the Usage page.
    Image picture =
        new Image(
            "data:image/svg+xml;base64,"
                + Base64.getEncoder()
                    .encodeToString(LineagePicture.svg(graph).getBytes(StandardCharsets.UTF_8)),
            description(graph));
    picture.setId("lineage-picture");
    picture.getStyle().set("max-width", "100%");

    HorizontalLayout links = new HorizontalLayout();
    links.setId("lineage-links");
    links.setAlignItems(FlexComponent.Alignment.BASELINE);
    links.getStyle().set("flex-wrap", "wrap");
    if (graph.upstream().isEmpty() && graph.downstream().isEmpty()) {
      links.add(new Span("No other dataset feeds this one or is made from it."));
    } else {
      addLinks(links, "Made from:", graph.upstream(), slug);
      addLinks(links, "Feeds:", graph.downstream(), slug);
    }

    Grid<LineageGraph.Edge> edges = new Grid<>(LineageGraph.Edge.class, false);
    edges.setId("lineage-edges-grid");
    edges.addColumn(LineageGraph.Edge::from).setHeader("From").setAutoWidth(true);
    edges.addColumn(LineageGraph.Edge::fromVersion).setHeader("Version read").setAutoWidth(true);
    edges
        .addColumn(e -> DatasetText.orEmpty(e.transform()))
        .setHeader("Transform")
        .setAutoWidth(true);
    edges.addColumn(LineageGraph.Edge::to).setHeader("To").setAutoWidth(true);
    edges.addColumn(LineageGraph.Edge::toVersion).setHeader("Version made").setAutoWidth(true);
    edges.addColumn(e -> DatasetText.utc(e.at())).setHeader("When (UTC)").setAutoWidth(true);
    edges.setItems(graph.edges());
    edges.setAllRowsVisible(true);

    Grid<LineageGraph.Source> sources = new Grid<>(LineageGraph.Source.class, false);
    sources.setId("lineage-sources-grid");
    sources.addColumn(LineageGraph.Source::dataset).setHeader("Dataset").setAutoWidth(true);
    sources.addColumn(LineageGraph.Source::version).setHeader("Version").setAutoWidth(true);
    sources.addColumn(LineageGraph.Source::kind).setHeader("From").setAutoWidth(true);
    sources.addColumn(s -> DatasetText.orEmpty(s.uploadId())).setHeader("Upload").setFlexGrow(1);
    sources.addColumn(s -> DatasetText.utc(s.at())).setHeader("When (UTC)").setAutoWidth(true);
    sources.setItems(graph.sources());
    sources.setAllRowsVisible(true);

    add(
        picture,
        links,
        new H4("Transform runs"),
        graph.edges().isEmpty()
            ? new Paragraph("No transform has read or written this dataset yet.")
            : edges,
        new H4("Uploads and replays"),
        sources);
  }

  private static void addLinks(
      HorizontalLayout links, String label, List<String> datasets, String slug) {
    if (datasets.isEmpty()) {
      return;
    }
    links.add(new Span(label));
    for (String other : datasets) {
      RouterLink link =
          new RouterLink(
              other, DatasetView.class, new RouteParameters(Map.of("slug", slug, "name", other)));
      link.addClassName("lineage-link");
      links.add(link);
    }
  }

  /** The picture's words for people who cannot see it. */
  private static String description(LineageGraph graph) {
    List<String> parts = new ArrayList<>();
    parts.add("Lineage of " + graph.dataset());
    if (!graph.upstream().isEmpty()) {
      parts.add("made from " + String.join(", ", graph.upstream()));
    }
    if (!graph.downstream().isEmpty()) {
      parts.add("feeds " + String.join(", ", graph.downstream()));
    }
    return String.join("; ", parts) + ". The tables below list every run.";
  }
}
