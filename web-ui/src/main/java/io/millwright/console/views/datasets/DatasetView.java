package io.millwright.console.views.datasets;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetAlert;
import io.millwright.console.ports.DatasetColumn;
import io.millwright.console.ports.DatasetDetail;
import io.millwright.console.ports.DatasetVersionRow;
import io.millwright.console.ports.RowsPreview;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDatasetHealth;
import io.millwright.console.ports.TenantDatasetLineage;
import io.millwright.console.ports.TenantDatasetUploads;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.UploadRow;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset: its alerts, schema, first rows of any version (time travel), quality per version,
 * lineage, versions with rollback, uploads and, for writers, the quarantine with replay and
 * discard. PII arrives already masked for readers who may not write.
 */
@Route(value = "t/:slug/datasets/:name", layout = MainLayout.class)
@PageTitle("Dataset · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class DatasetView extends VerticalLayout implements BeforeEnterObserver {

  static final int PREVIEW_ROWS = 100;

  private final TenantSwitchboard switchboard;
  private final TenantDatasets datasets;
  private final TenantDatasetUploads uploads;
  private final TenantDatasetHealth health;
  private final TenantDatasetLineage lineage;
  private TenantChoice tenant;
  private String name;

  /** What the last replay or discard did, shown once in the rebuilt Quarantine section. */
  private Component quarantineOutcome;

  @Inject
  public DatasetView(
      TenantSwitchboard switchboard,
      TenantDatasets datasets,
      TenantDatasetUploads uploads,
      TenantDatasetHealth health,
      TenantDatasetLineage lineage) {
    this.switchboard = switchboard;
    this.datasets = datasets;
    this.uploads = uploads;
    this.health = health;
    this.lineage = lineage;
    setId("dataset-view");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    name = event.getRouteParameters().get("name").orElse("");
    quarantineOutcome = null;
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  private boolean writer() {
    return tenant.holdsAny(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    DatasetDetail detail;
    List<DatasetVersionRow> versions;
    try {
      detail = datasets.view(tenant.slug(), name);
      versions = datasets.versions(tenant.slug(), name);
    } catch (ConsoleException ex) {
      Paragraph problem = new Paragraph(ex.getMessage());
      problem.setId("dataset-problem");
      add(new H2("Dataset " + name), problem);
      return;
    }
    H2 title = new H2(detail.name());
    title.setId("dataset-name");
    HorizontalLayout header = new HorizontalLayout(title);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (writer()) {
      Button upload =
          new Button(
              "Upload a file",
              e ->
                  getUI()
                      .ifPresent(
                          ui ->
                              ui.navigate("t/" + tenant.slug() + "/datasets/" + name + "/upload")));
      upload.setId("dataset-upload");
      upload.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      header.add(upload);
    }
    Span summary =
        new Span(
            detail.rows()
                + " rows · current version "
                + DatasetText.version(detail.currentVersion())
                + (writer() ? " · " + detail.openQuarantine() + " rows in quarantine" : "")
                + " · created by "
                + detail.createdBy()
                + " on "
                + DatasetText.utc(detail.createdAt()));
    summary.setId("dataset-summary");
    add(header);
    alerts().ifPresent(this::add);
    if (detail.description() != null && !detail.description().isBlank()) {
      add(new Paragraph(detail.description()));
    }
    add(summary);

    TabSheet tabs = new TabSheet();
    tabs.setId("dataset-tabs");
    tabs.setWidthFull();
    tabs.add("Schema", schema(detail)).setId("tab-schema");
    Select<DatasetVersionRow> previewVersion = versionSelect("preview-version", versions);
    tabs.add("Preview", preview(previewVersion, versions)).setId("tab-preview");
    QualityTab quality = new QualityTab(health, tenant.slug(), name, versions);
    tabs.add("Quality", quality).setId("tab-quality");
    follow(previewVersion, quality.version());
    follow(quality.version(), previewVersion);
    tabs.add("Lineage", new LineageTab(lineage, tenant.slug(), name)).setId("tab-lineage");
    tabs.add("Versions", versions(versions)).setId("tab-versions");
    tabs.add("Uploads", uploads()).setId("tab-uploads");
    if (writer()) {
      QuarantineTab quarantine =
          new QuarantineTab(
              uploads,
              tenant.slug(),
              name,
              detail.openQuarantine(),
              quarantineOutcome,
              outcome -> {
                quarantineOutcome = outcome;
                show(tenant);
              });
      var tab = tabs.add("Quarantine", quarantine);
      tab.setId("tab-quarantine");
      if (quarantineOutcome != null) {
        // After a replay or discard the person stays where they were, with the outcome in view.
        tabs.setSelectedTab(tab);
        quarantineOutcome = null;
      }
    }
    add(tabs);
  }

  /** The dataset's alerts as warnings above everything else; nothing when all is well. */
  private Optional<Component> alerts() {
    List<DatasetAlert> alerts;
    try {
      alerts = health.alerts(tenant.slug(), name);
    } catch (ConsoleException ex) {
      // The page is still worth showing without its alerts; say why they are missing.
      alerts = List.of(new DatasetAlert("unavailable", ex.getMessage()));
    }
    if (alerts.isEmpty()) {
      return Optional.empty();
    }
    VerticalLayout box = new VerticalLayout();
    box.setId("dataset-alerts");
    box.setPadding(false);
    box.setSpacing(false);
    for (DatasetAlert alert : alerts) {
      Span warning = new Span("⚠ " + alert.message());
      warning.getElement().getThemeList().add("badge error");
      warning.addClassName("dataset-alert");
      warning.getElement().setAttribute("data-kind", alert.kind());
      warning.getStyle().set("white-space", "normal");
      box.add(warning);
    }
    return Optional.of(box);
  }

  /** A version chooser labelled the same on every section that reads one version. */
  static Select<DatasetVersionRow> versionSelect(String id, List<DatasetVersionRow> versions) {
    Select<DatasetVersionRow> version = new Select<>();
    version.setId(id);
    version.setLabel("Version");
    version.setItemLabelGenerator(
        v -> v.id() + " · " + DatasetText.utc(v.committedAt()) + (v.current() ? " · current" : ""));
    version.setItems(versions);
    version.setEmptySelectionAllowed(false);
    return version;
  }

  /** Choosing a version in one section chooses it in the other, so both describe the same data. */
  private static void follow(Select<DatasetVersionRow> leader, Select<DatasetVersionRow> follower) {
    leader.addValueChangeListener(
        e -> {
          if (e.getValue() != null && !e.getValue().equals(follower.getValue())) {
            follower.setValue(e.getValue());
          }
        });
  }

  private Component schema(DatasetDetail detail) {
    Grid<DatasetColumn> grid = DatasetGrids.schema();
    grid.setItems(detail.columns());
    Paragraph key =
        new Paragraph(
            "Primary key: "
                + (detail.primaryKey().isEmpty()
                    ? "none"
                    : String.join(", ", detail.primaryKey())));
    key.setId("dataset-primary-key");
    Paragraph partitioning =
        new Paragraph(
            "Partitioning: "
                + (detail.partitioning().isEmpty()
                    ? "none"
                    : String.join(", ", detail.partitioning())));
    partitioning.setId("dataset-partitioning");
    return new VerticalLayout(grid, key, partitioning);
  }

  private Component preview(Select<DatasetVersionRow> version, List<DatasetVersionRow> versions) {
    Paragraph info = new Paragraph();
    info.setId("preview-info");
    Grid<Map<String, String>> grid = new Grid<>();
    grid.setId("dataset-preview-grid");
    grid.setHeight("28rem");
    version.addValueChangeListener(
        e -> {
          if (e.getValue() != null) {
            showRows(grid, info, e.getValue().id());
          }
        });
    versions.stream().filter(DatasetVersionRow::current).findFirst().ifPresent(version::setValue);
    if (version.isEmpty()) {
      showRows(grid, info, null);
    }
    return new VerticalLayout(version, info, grid);
  }

  private void showRows(Grid<Map<String, String>> grid, Paragraph info, Long version) {
    try {
      RowsPreview rows = datasets.rows(tenant.slug(), name, version, PREVIEW_ROWS);
      DatasetGrids.showRows(grid, rows);
      String text =
          rows.version() == null
              ? "No rows yet: upload a file to make the first version."
              : "The first "
                  + rows.rows().size()
                  + " of "
                  + rows.totalRows()
                  + " rows of version "
                  + rows.version()
                  + ".";
      if (!rows.maskedColumns().isEmpty()) {
        text +=
            " Personal data in "
                + String.join(", ", rows.maskedColumns())
                + " is masked for your role.";
      }
      info.setText(text);
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  private Component versions(List<DatasetVersionRow> versions) {
    Grid<DatasetVersionRow> grid = DatasetGrids.versions();
    if (writer()) {
      grid.addComponentColumn(this::rollbackButton)
          .setHeader("")
          .setAutoWidth(true)
          .setKey("rollback");
    }
    grid.setItems(versions);
    grid.setHeight("24rem");
    Span count =
        new Span(
            versions.size()
                + (versions.size() == 1 ? " version" : " versions")
                + (writer() && versions.size() > 1
                    ? "; rolling back makes an earlier one current and keeps the rest."
                    : "."));
    count.setId("versions-count");
    return new VerticalLayout(count, grid);
  }

  private Component rollbackButton(DatasetVersionRow version) {
    if (version.current()) {
      return new Span();
    }
    Button rollback = new Button("Roll back to this version", e -> confirmRollback(version));
    rollback.addThemeVariants(ButtonVariant.LUMO_SMALL);
    rollback.addClassName("rollback-version");
    rollback.getElement().setAttribute("data-version", String.valueOf(version.id()));
    return rollback;
  }

  private void confirmRollback(DatasetVersionRow version) {
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Roll back " + name + " to version " + version.id() + "?",
            "Version "
                + version.id()
                + " ("
                + version.totalRows()
                + " rows) becomes current again. The versions after it stay listed, so you can"
                + " return to them.",
            "Roll back",
            e -> {
              try {
                datasets.rollback(tenant.slug(), name, version.id());
                Toasts.success(name + " is back at version " + version.id() + ".");
                show(tenant);
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    confirm.setId("rollback-confirm");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }

  private Component uploads() {
    Grid<UploadRow> grid = DatasetGrids.uploads();
    grid.setHeight("24rem");
    try {
      grid.setItems(uploads.recent(tenant.slug(), name, 50));
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
    return grid;
  }
}
