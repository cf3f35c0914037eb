package io.millwright.console.views.datasets;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDatasetUploads;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.UploadOutcome;
import io.millwright.console.ports.UploadPreview;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Uploading a file into a dataset, for writers: the file is read and previewed first (columns
 * matched or added, first rows); Write then commits it as one new version and shows the counts.
 */
@Route(value = "t/:slug/datasets/:name/upload", layout = MainLayout.class)
@PageTitle("Upload · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class DatasetUploadView extends VerticalLayout implements BeforeEnterObserver {

  static final String UNREADABLE_COPY =
      "The copy of your file kept for this page could not be read; please choose the file again.";

  private final TenantSwitchboard switchboard;
  private final TenantDatasetUploads uploads;
  private final ReceivedFile received = new ReceivedFile();
  private final Div status = new Div();
  private final Div preview = new Div();
  private final Div result = new Div();
  private final Button write = new Button("Write");
  private TenantChoice tenant;
  private String name;

  @Inject
  public DatasetUploadView(TenantSwitchboard switchboard, TenantDatasetUploads uploads) {
    this.switchboard = switchboard;
    this.uploads = uploads;
    setId("dataset-upload-view");
    status.setId("upload-status");
    status.getElement().setAttribute("role", "status");
    preview.setId("upload-preview");
    preview.setWidthFull();
    result.setId("upload-result");
    write.setId("upload-write");
    write.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    write.setEnabled(false);
    write.addClickListener(e -> startWrite());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    name = event.getRouteParameters().get("name").orElse("");
    Guards.requireTenant(event, switchboard, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN)
        .ifPresent(this::show);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    Anchor back = new Anchor(datasetPath(), "Back to " + name);
    back.setId("upload-back");
    add(
        new H2("Upload a file into " + name),
        new Paragraph(
            "CSV, Excel (.xlsx) or JSON Lines. You see what would be written before anything is;"
                + " rows that fail a rule go to quarantine, never lost."),
        FileUploads.of("upload-file", received, status, this::previewReceived),
        status,
        preview,
        write,
        result,
        back);
  }

  private String datasetPath() {
    return "t/" + tenant.slug() + "/datasets/" + name;
  }

  private void previewReceived() {
    preview.removeAll();
    result.removeAll();
    write.setEnabled(false);
    if (!received.present()) {
      return;
    }
    try (InputStream body = received.open()) {
      UploadPreview p = uploads.preview(tenant.slug(), name, received.fileName(), body);
      showPreview(p);
      write.setEnabled(p.accepted());
      status.setText(
          p.accepted()
              ? "Read "
                  + p.sampledRows()
                  + " rows to preview. Nothing is written until you press Write."
              : "This file cannot be written into " + name + ": " + p.problem());
    } catch (ConsoleException ex) {
      status.setText("The file cannot be read: " + ex.getMessage());
      Toasts.error(ex.getMessage());
    } catch (IOException e) {
      Toasts.error(UNREADABLE_COPY);
    }
  }

  private void showPreview(UploadPreview p) {
    if (!p.addedColumns().isEmpty()) {
      Paragraph added =
          new Paragraph("Columns this file adds: " + String.join(", ", p.addedColumns()) + ".");
      added.setId("upload-added-columns");
      preview.add(added);
    }
    Grid<UploadPreview.Line> grid = new Grid<>();
    grid.setId("upload-preview-grid");
    grid.setHeight("20rem");
    grid.addColumn(UploadPreview.Line::number).setHeader("Line").setAutoWidth(true);
    for (int i = 0; i < p.sourceColumns().size(); i++) {
      int column = i;
      grid.addColumn(
              line ->
                  column < line.cells().size() ? DatasetText.orEmpty(line.cells().get(column)) : "")
          .setHeader(p.sourceColumns().get(i))
          .setAutoWidth(true);
    }
    grid.addColumn(line -> DatasetText.orEmpty(line.problem())).setHeader("Problem");
    grid.setItems(p.rows());
    preview.add(new H3("Preview"), grid);
  }

  /**
   * Shows the progress text first, then writes in the next round trip: without server push, a
   * change made in this listener reaches the browser only when it returns, so the text would appear
   * only after a long write had ended.
   */
  private void startWrite() {
    write.setEnabled(false);
    result.removeAll();
    status.setText(
        "Writing "
            + received.fileName()
            + " into "
            + name
            + ": rows are standardized, checked, deduplicated and committed as one new version…");
    // On the status text, not the button: Vaadin drops replies addressed to a disabled element.
    status.getElement().executeJs("return 0").then(Integer.class, ignored -> runWrite());
  }

  private void runWrite() {
    try (InputStream body = received.open()) {
      UploadOutcome outcome =
          uploads.upload(tenant.slug(), name, received.fileName(), received.idempotencyKey(), body);
      received.discard();
      status.setText(
          (outcome.replayed() ? "This file had already been written" : "Written")
              + " as version "
              + DatasetText.version(outcome.version())
              + ".");
      showResult(outcome);
      Toasts.success(outcome.rowsWritten() + " rows written into " + name + ".");
    } catch (ConsoleException ex) {
      status.setText("Nothing was written: " + ex.getMessage());
      Toasts.error(ex.getMessage());
      write.setEnabled(received.present());
    } catch (IOException e) {
      Toasts.error(UNREADABLE_COPY);
    }
  }

  private void showResult(UploadOutcome o) {
    result.add(
        count("result-read", "Rows read", o.rowsRead()),
        count("result-written", "Written", o.rowsWritten()),
        count("result-quarantined", "Quarantined", o.rowsQuarantined()),
        count("result-deduplicated", "Deduplicated", o.rowsDeduplicated()));
    if (!o.addedColumns().isEmpty()) {
      Paragraph added = new Paragraph("Added columns: " + String.join(", ", o.addedColumns()));
      added.setId("result-added");
      result.add(added);
    }
    if (!o.failuresByRule().isEmpty()) {
      result.add(
          new Paragraph(
              "Quarantined by rule: "
                  + o.failuresByRule().entrySet().stream()
                      .map(e -> e.getKey() + " " + e.getValue())
                      .collect(Collectors.joining(", "))));
    }
    Anchor open = new Anchor(datasetPath(), "Open " + name);
    open.setId("result-open-dataset");
    result.add(open);
  }

  private static Paragraph count(String id, String label, long value) {
    Span figure = new Span(String.valueOf(value));
    figure.setId(id);
    figure.getStyle().set("font-weight", "600");
    return new Paragraph(new Span(label + ": "), figure);
  }
}
