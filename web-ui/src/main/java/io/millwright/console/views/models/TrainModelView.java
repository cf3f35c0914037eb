package io.millwright.console.views.models;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetRow;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TrainingColumn;
import io.millwright.console.ports.TrainingDraft;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.views.shell.FieldErrors;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Train a model", for trainers, in steps on one page: pick a dataset; the column to predict (or
 * none, to find unusual rows) and a task it allows; a model type that learns the task, with its
 * description; its hyperparameters in a form generated from the type's declaration, defaults filled
 * in and ranges said; a model name and an optional seed; Start. The platform checks the whole draft
 * and names each bad field, which is marked where it was typed; nothing typed is lost. A model's
 * page links here with {@code ?model=&dataset=} to train its next version.
 */
@Route(value = "t/:slug/models/train", layout = MainLayout.class)
@PageTitle("Train a model · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class TrainModelView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantModels models;
  private final TenantDatasets datasets;
  private final FieldErrors errors = new FieldErrors();

  private final ComboBox<String> dataset = new ComboBox<>("Dataset");
  private final ComboBox<String> target = new ComboBox<>("Column to predict");
  private final Select<String> task = new Select<>();
  private final ComboBox<String> timeColumn = new ComboBox<>("Time column");
  private final MultiSelectComboBox<String> features =
      new MultiSelectComboBox<>("Columns to learn from");
  private final ModelTypeStep modelType = new ModelTypeStep(errors, this::showFields);
  private final ModelFileStep modelFile = new ModelFileStep(this::storeModelFile);
  private final TextField name = new TextField("Model name");
  private final TextField seed = new TextField("Seed");
  private final Button start = new Button("Start training");
  private final Div predictStep = new Div();
  private final Div typeStep = new Div();
  private final Div settingsStep = new Div();
  private final Div nameStep = new Div();

  private TenantChoice tenant;
  private List<ModelTypeInfo> types = List.of();
  private Map<String, DatasetRow> datasetRows = Map.of();
  private List<TrainingColumn> columns = List.of();
  private boolean quiet;

  /** Whether the person picked the task: only then does a new target keep it. */
  private boolean taskChosen;

  @Inject
  public TrainModelView(
      TenantSwitchboard switchboard, TenantModels models, TenantDatasets datasets) {
    this.switchboard = switchboard;
    this.models = models;
    this.datasets = datasets;
    setId("train-model-view");

    dataset.setId("train-dataset");
    dataset.setRequired(true);
    dataset.setAllowCustomValue(false);
    dataset.setWidth("24rem");
    dataset.setHelperText("Trained at its current version, which the run pins.");
    dataset.setItemLabelGenerator(this::datasetLabel);
    dataset.addValueChangeListener(e -> unlessQuiet(() -> datasetChosen(e.getValue())));

    target.setId("train-target");
    target.setAllowCustomValue(false);
    target.setClearButtonVisible(true);
    target.setWidth("24rem");
    target.setHelperText("Leave empty to find unusual rows without labels (anomaly detection).");
    target.setItemLabelGenerator(this::columnLabel);
    target.addValueChangeListener(e -> unlessQuiet(this::refreshTasks));

    task.setId("train-task");
    task.setLabel("Task");
    task.setItemLabelGenerator(ModelText::taskChoice);
    task.setWidth("24rem");
    task.addValueChangeListener(
        e -> {
          if (e.isFromClient()) {
            taskChosen = true;
          }
          unlessQuiet(this::refreshTypes);
        });

    timeColumn.setId("train-time-column");
    timeColumn.setAllowCustomValue(false);
    timeColumn.setWidth("24rem");
    timeColumn.setHelperText(
        "The timestamp that orders the series; the latest rows are held out to judge the"
            + " forecast.");
    timeColumn.addValueChangeListener(e -> unlessQuiet(this::refreshFeatures));

    features.setId("train-features");
    features.setWidth("36rem");
    features.setHelperText("Optional. Empty: every other column.");

    name.setId("train-model-name");
    name.setRequired(true);
    name.setHelperText(
        "lowercase letters, digits and _, e.g. churn; an existing model's name adds a new version"
            + " to it");
    seed.setId("train-seed");
    seed.setAllowedCharPattern("[0-9-]");
    seed.setHelperText("Optional. The same seed, data and settings train the same model again.");
    start.setId("train-start");
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    start.addClickListener(e -> start());

    errors.register("dataset", dataset);
    errors.register("version", dataset);
    errors.register("target", target);
    errors.register("task", task);
    errors.register("timeColumn", timeColumn);
    errors.register("split", timeColumn);
    errors.register("features", features);
    errors.register("model", name);
    errors.register("seed", seed);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    QueryParameters query = event.getLocation().getQueryParameters();
    Guards.requireTenant(event, switchboard, TenantModels.TRAINERS.toArray(TenantRole[]::new))
        .ifPresent(
            t ->
                show(
                    t,
                    query.getSingleParameter("dataset").orElse(null),
                    query.getSingleParameter("model").orElse(null)));
  }

  void show(TenantChoice chosen, String wantedDataset, String wantedModel) {
    tenant = chosen;
    removeAll();
    Anchor back = new Anchor("t/" + tenant.slug() + "/models", "Back to models");
    back.setId("train-back");
    add(new H2("Train a model in " + tenant.name()), back);
    List<DatasetRow> rows;
    try {
      types = models.types(tenant.slug());
      rows = datasets.list(tenant.slug());
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      return;
    }
    Map<String, DatasetRow> byName = new LinkedHashMap<>();
    rows.forEach(r -> byName.put(r.name(), r));
    datasetRows = byName;
    quietly(() -> dataset.setItems(new ArrayList<>(byName.keySet())));
    dataset.setPlaceholder(rows.isEmpty() ? "No datasets yet: declare one first" : "");

    add(step("1", "Pick a dataset"), dataset);
    if (types.isEmpty()) {
      Paragraph none =
          new Paragraph(
              "No model type is available to this tenant; your tenant admin chooses plugins in"
                  + " Settings.");
      none.setId("train-no-types");
      add(none);
    }
    FormLayout predict = new FormLayout(target, task, timeColumn, features);
    predict.setColspan(features, 2);
    predictStep.removeAll();
    predictStep.setWidthFull();
    predictStep.add(step("2", "What to predict"), predict);
    typeStep.removeAll();
    typeStep.setWidthFull();
    typeStep.add(
        step("3", "Model type"), modelType.select(), modelType.about(), modelFile.component());
    settingsStep.removeAll();
    settingsStep.setWidthFull();
    settingsStep.add(
        step("4", "Hyperparameters"),
        new Paragraph("Filled in with the model type's defaults; change what you need."),
        modelType.settings());
    nameStep.removeAll();
    nameStep.setWidthFull();
    nameStep.add(step("5", "Name and start"), new FormLayout(name, seed), start);
    add(predictStep, typeStep, settingsStep, nameStep);

    if (wantedModel != null) {
      name.setValue(wantedModel);
    }
    if (wantedDataset != null && byName.containsKey(wantedDataset)) {
      dataset.setValue(wantedDataset);
    } else if (byName.size() == 1) {
      dataset.setValue(byName.keySet().iterator().next());
    } else {
      datasetChosen(dataset.getValue());
    }
  }

  private static H3 step(String number, String title) {
    H3 h = new H3(number + ". " + title);
    h.addClassName("wizard-step");
    return h;
  }

  private String datasetLabel(String datasetName) {
    DatasetRow row = datasetRows.get(datasetName);
    return row != null && row.currentVersion() == null
        ? datasetName + " (no rows yet)"
        : datasetName;
  }

  private String columnLabel(String column) {
    return columns.stream()
        .filter(c -> c.name().equals(column))
        .findFirst()
        .map(c -> c.name() + " (" + c.type() + ")")
        .orElse(column);
  }

  private TrainingColumn column(String column) {
    return column == null
        ? null
        : columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
  }

  /**
   * Runs a step's own reaction to a person's choice, but not to the wizard re-offering items:
   * setting a field's items clears its value (and says so), which must not cascade through the
   * later steps.
   */
  private void unlessQuiet(Runnable reaction) {
    if (!quiet) {
      reaction.run();
    }
  }

  private void quietly(Runnable change) {
    boolean was = quiet;
    quiet = true;
    try {
      change.run();
    } finally {
      quiet = was;
    }
  }

  /** Reads the dataset's columns and offers what can be predicted, keeping what still fits. */
  private void datasetChosen(String chosen) {
    columns = List.of();
    dataset.setInvalid(false);
    if (chosen != null) {
      try {
        columns = models.columns(tenant.slug(), chosen);
      } catch (ConsoleException ex) {
        dataset.setErrorMessage(ex.getMessage());
        dataset.setInvalid(true);
      }
    }
    String keptTarget = target.getValue();
    String keptTime = timeColumn.getValue();
    List<String> targets = TrainingChoices.targets(columns);
    List<String> times = TrainingChoices.timeColumns(columns);
    quietly(
        () -> {
          target.setItems(targets);
          target.setValue(keptTarget != null && targets.contains(keptTarget) ? keptTarget : null);
          timeColumn.setItems(times);
          timeColumn.setValue(
              keptTime != null && times.contains(keptTime)
                  ? keptTime
                  : times.size() == 1 ? times.get(0) : null);
        });
    refreshTasks();
  }

  /** Offers the tasks the target allows, keeping the chosen one if it still fits. */
  private void refreshTasks() {
    String kept = task.getValue();
    List<String> tasks = TrainingChoices.tasks(column(target.getValue()), types);
    quietly(
        () -> {
          task.setItems(tasks);
          // The platform's inferred task comes first; a person's own choice survives a new target.
          task.setValue(
              taskChosen && kept != null && tasks.contains(kept)
                  ? kept
                  : tasks.isEmpty() ? null : tasks.get(0));
        });
    task.setHelperText(
        tasks.isEmpty() && !columns.isEmpty()
            ? target.getValue() == null
                ? "No model type available here learns without a target."
                : "No model type available here can predict this column."
            : "");
    refreshTypes();
  }

  /** Offers the model types that learn the task. */
  private void refreshTypes() {
    modelType.offer(TrainingChoices.types(types, task.getValue()));
    refreshFeatures();
    showFields();
  }

  /** Offers every column but the target (and a forecast's time column), keeping the choice. */
  private void refreshFeatures() {
    Set<String> kept = features.getValue();
    List<String> offered =
        TrainingChoices.features(
            columns, target.getValue(), timeColumn.getValue(), task.getValue());
    features.setItems(offered);
    features.setValue(kept.stream().filter(offered::contains).toList());
  }

  private void showFields() {
    TrainingChoices.Fields shown =
        TrainingChoices.shown(
            dataset.getValue() != null && !columns.isEmpty(),
            task.getValue(),
            modelType.chosen() != null);
    predictStep.setVisible(shown.target());
    target.setVisible(shown.target());
    task.setVisible(shown.task());
    timeColumn.setVisible(shown.timeColumn());
    timeColumn.setRequired(shown.timeColumn());
    features.setVisible(shown.target());
    typeStep.setVisible(shown.modelType());
    settingsStep.setVisible(shown.hyperParameters());
    ModelTypeInfo type = modelType.chosen();
    modelFile.component().setVisible(shown.modelType() && type != null && type.importsModel());
    nameStep.setVisible(shown.naming());
  }

  private String storeModelFile(String fileName, java.io.InputStream content) {
    return models.uploadModelFile(tenant.slug(), fileName, content);
  }

  private TrainingDraft draft() {
    ModelTypeInfo type = modelType.chosen();
    String chosenTask = task.getValue();
    boolean forecast = TrainingChoices.FORECASTING.equals(chosenTask);
    return new TrainingDraft(
        name.getValue().strip(),
        dataset.getValue(),
        target.getValue(),
        chosenTask,
        List.copyOf(features.getValue()),
        forecast ? timeColumn.getValue() : null,
        TrainingChoices.split(chosenTask),
        type == null ? null : type.id(),
        modelType.values(),
        TrainingChoices.seed(seed.getValue()),
        type != null && type.importsModel() ? modelFile.id() : null);
  }

  private void start() {
    errors.clear();
    String nameProblem = TrainingChoices.nameProblem(name.getValue());
    String seedProblem = TrainingChoices.seedProblem(seed.getValue());
    if (nameProblem != null || seedProblem != null) {
      Map<String, String> local = new LinkedHashMap<>();
      if (nameProblem != null) {
        local.put("model", nameProblem);
      }
      if (seedProblem != null) {
        local.put("seed", seedProblem);
      }
      errors.show(local);
      Toasts.error("The run was not started: please correct the marked fields.");
      return;
    }
    try {
      TrainingRunDetail run = models.train(tenant.slug(), draft());
      Toasts.success(
          "Training of "
              + run.model()
              + " queued"
              + (run.queuePosition() > 1 ? " (number " + run.queuePosition() + " in line)" : "")
              + ".");
      getUI().ifPresent(ui -> ui.navigate("t/" + tenant.slug() + "/models/runs/" + run.id()));
    } catch (ConsoleException ex) {
      if (ex.fieldErrors().isEmpty()) {
        Toasts.error(ex.getMessage());
        return;
      }
      List<String> unshown = errors.show(ex.fieldErrors());
      Toasts.error(
          "The run was not started: please correct the marked fields"
              + (unshown.isEmpty() ? "." : "; also " + String.join("; ", unshown) + "."));
    }
  }
}
