package io.millwright.console.views.datasets;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetDraft;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDatasetUploads;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.UploadPreview;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Declaring a dataset, for writers: name, description, columns (typed by hand or proposed from a
 * sample file), primary key and partitioning. The platform validates and names every bad field.
 */
// "new-dataset" cannot collide with a dataset: dataset names hold no hyphen.
@Route(value = "t/:slug/datasets/new-dataset", layout = MainLayout.class)
@PageTitle("New dataset · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class NewDatasetView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantDatasets datasets;
  private final TenantDatasetUploads uploads;
  private final ReceivedFile sample = new ReceivedFile();
  private final TextField name = new TextField("Name");
  private final TextArea description = new TextArea("Description");
  private final MultiSelectComboBox<String> primaryKey = new MultiSelectComboBox<>("Primary key");
  private final TextField partitioning = new TextField("Partitioning");
  private final Div inferStatus = new Div();
  private final ColumnEditor columns = new ColumnEditor(this::columnNamesChanged);
  private TenantChoice tenant;

  @Inject
  public NewDatasetView(
      TenantSwitchboard switchboard, TenantDatasets datasets, TenantDatasetUploads uploads) {
    this.switchboard = switchboard;
    this.datasets = datasets;
    this.uploads = uploads;
    setId("new-dataset-view");
    name.setId("dataset-name-field");
    name.setRequired(true);
    name.setHelperText("lowercase letters, digits and _, e.g. meter_readings");
    description.setId("dataset-description-field");
    description.setMaxLength(2000);
    primaryKey.setId("dataset-primary-key-field");
    primaryKey.setHelperText("rows repeating a key are deduplicated");
    partitioning.setId("dataset-partitioning-field");
    partitioning.setHelperText("optional, e.g. day(read_at), site");
    inferStatus.setId("infer-status");
    inferStatus.getElement().setAttribute("role", "status");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN)
        .ifPresent(this::show);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    Button create = new Button("Create", e -> create());
    create.setId("create-dataset");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    FormLayout form = new FormLayout(name, description);
    add(
        new H2("New dataset in " + tenant.name()),
        form,
        new H3("Columns"),
        new Paragraph(
            "Type them, or let a sample file (CSV, .xlsx, JSON Lines) propose them; nothing of the"
                + " sample is stored."),
        FileUploads.of("infer-file", sample, inferStatus, this::inferFromSample),
        inferStatus,
        columns,
        new FormLayout(primaryKey, partitioning),
        create);
  }

  private void inferFromSample() {
    if (!sample.present()) {
      return;
    }
    try (InputStream body = sample.open()) {
      UploadPreview p = uploads.preview(tenant.slug(), null, sample.fileName(), body);
      columns.replaceAll(p.inferredColumns());
      if (name.isEmpty()) {
        name.setValue(nameFrom(sample.fileName()));
      }
      inferStatus.setText(
          "Proposed "
              + p.inferredColumns().size()
              + " columns from "
              + p.sampledRows()
              + " sample rows. Check types, units and PII before creating.");
    } catch (ConsoleException ex) {
      inferStatus.setText("The sample cannot be read: " + ex.getMessage());
      Toasts.error(ex.getMessage());
    } catch (IOException e) {
      Toasts.error(DatasetUploadView.UNREADABLE_COPY);
    } finally {
      sample.discard();
    }
  }

  private void columnNamesChanged() {
    Set<String> kept = new LinkedHashSet<>(primaryKey.getValue());
    List<String> names = columns.names();
    kept.retainAll(names);
    primaryKey.setItems(names);
    primaryKey.setValue(kept);
  }

  private void create() {
    clearErrors();
    DatasetDraft draft =
        new DatasetDraft(
            name.getValue().trim(),
            description.getValue(),
            columns.drafts(),
            List.copyOf(primaryKey.getValue()),
            partitions(partitioning.getValue()));
    try {
      datasets.create(tenant.slug(), draft);
      Toasts.success("Dataset " + draft.name() + " created. Upload a file into it next.");
      getUI().ifPresent(ui -> ui.navigate("t/" + tenant.slug() + "/datasets/" + draft.name()));
    } catch (ConsoleException ex) {
      if (ex.fieldErrors().isEmpty()) {
        Toasts.error(ex.getMessage());
      } else {
        showErrors(ex.fieldErrors());
        Toasts.error("The dataset was not created: please correct the marked fields.");
      }
    }
  }

  private void clearErrors() {
    name.setInvalid(false);
    description.setInvalid(false);
    primaryKey.setInvalid(false);
    partitioning.setInvalid(false);
    columns.clearErrors();
  }

  private void showErrors(Map<String, String> errors) {
    errors.forEach(
        (field, message) -> {
          switch (field) {
            case "name" -> {
              name.setErrorMessage(message);
              name.setInvalid(true);
            }
            case "description" -> {
              description.setErrorMessage(message);
              description.setInvalid(true);
            }
            case "primaryKey" -> {
              primaryKey.setErrorMessage(message);
              primaryKey.setInvalid(true);
            }
            default -> {
              if (field.startsWith("partitioning")) {
                partitioning.setErrorMessage(message);
                partitioning.setInvalid(true);
              }
            }
          }
        });
    columns.showErrors(errors);
  }

  /** Splits "day(read_at), bucket(site, 16)" at the commas outside parentheses. */
  static List<String> partitions(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",(?![^(]*\\))"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** A dataset name proposed from a file name: "Meter Readings 2024.csv" → meter_readings_2024. */
  static String nameFrom(String fileName) {
    String base = fileName == null ? "" : fileName.replaceFirst("\\.[^.]*$", "");
    String name =
        base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "dataset_" + name;
    }
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
