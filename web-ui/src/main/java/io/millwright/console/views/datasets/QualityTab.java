package io.millwright.console.views.datasets;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetQuality;
import io.millwright.console.ports.DatasetVersionRow;
import io.millwright.console.ports.TenantDatasetHealth;
import java.util.List;

/**
 * A dataset's Quality section: rows, null rate and min/max per column and the rule failures of the
 * write that made the chosen version. The figures come from the statistics the platform keeps per
 * file, so this reads no rows.
 */
final class QualityTab extends VerticalLayout {

  private final TenantDatasetHealth health;
  private final String slug;
  private final String name;
  private final Select<DatasetVersionRow> version;
  private final Span rows = new Span();
  private final Paragraph summary = new Paragraph();
  private final Paragraph failures = new Paragraph();
  private final Grid<DatasetQuality.Column> grid = new Grid<>(DatasetQuality.Column.class, false);

  QualityTab(
      TenantDatasetHealth health, String slug, String name, List<DatasetVersionRow> versions) {
    this.health = health;
    this.slug = slug;
    this.name = name;
    setId("dataset-quality");
    version = DatasetView.versionSelect("quality-version", versions);
    rows.setId("quality-rows");
    summary.setId("quality-summary");
    failures.setId("quality-rule-failures");
    grid.setId("quality-grid");
    grid.addColumn(DatasetQuality.Column::name).setHeader("Column").setAutoWidth(true);
    grid.addComponentColumn(QualityTab::nullRate)
        .setHeader("Null rate")
        .setKey("nullRate")
        .setWidth("14rem")
        .setFlexGrow(0);
    grid.addColumn(c -> DatasetText.orEmpty(c.min())).setHeader("Min").setAutoWidth(true);
    grid.addColumn(c -> DatasetText.orEmpty(c.max())).setHeader("Max").setAutoWidth(true);
    grid.setAllRowsVisible(true);
    version.addValueChangeListener(
        e -> {
          if (e.getValue() != null) {
            show(e.getValue().id());
          }
        });
    add(version, summary, failures, grid);
    versions.stream().filter(DatasetVersionRow::current).findFirst().ifPresent(version::setValue);
    if (version.isEmpty()) {
      show(null);
    }
  }

  Select<DatasetVersionRow> version() {
    return version;
  }

  private void show(Long chosen) {
    try {
      DatasetQuality quality = health.quality(slug, name, chosen);
      grid.setItems(quality.columns());
      rows.setText(String.valueOf(quality.rows()));
      summary.removeAll();
      if (quality.version() == null) {
        summary.add(new Text("No version yet: upload a file to see its quality. "), rows);
        rows.setVisible(false);
      } else {
        summary.add(
            new Text("Version " + quality.version() + " has "),
            rows,
            new Text(
                " rows. Text columns show no min/max: the statistics keep only a prefix of"
                    + " them."));
        rows.setVisible(true);
      }
      failures.setText(DatasetText.ruleFailures(quality.ruleFailures()));
    } catch (ConsoleException ex) {
      summary.setText(ex.getMessage());
    }
  }

  private static HorizontalLayout nullRate(DatasetQuality.Column column) {
    ProgressBar bar = new ProgressBar(0, 1, Math.max(0, Math.min(1, column.nullRate())));
    bar.setWidth("6rem");
    Span text = new Span(DatasetText.percent(column.nullRate()));
    text.addClassName("null-rate");
    HorizontalLayout cell = new HorizontalLayout(bar, text);
    cell.setAlignItems(FlexComponent.Alignment.CENTER);
    cell.setPadding(false);
    return cell;
  }
}
